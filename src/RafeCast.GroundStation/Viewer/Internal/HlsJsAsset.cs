using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>
/// hls.js as installed by tools/setup.sh from the pinned lockfile: the configured path, else
/// <c>hls.js/hls.min.js</c> beside the application, else <c>tools/node/node_modules/hls.js/dist/hls.min.js</c>
/// in the first folder above the application or the working directory that has it.
/// </summary>
internal sealed class HlsJsAsset
{
    private const string FileName = "hls.min.js";
    private readonly Lazy<StaticAsset?> _asset;

    public HlsJsAsset(IOptions<ViewerOptions> options)
        : this(options?.Value.HlsJs, [AppContext.BaseDirectory, Environment.CurrentDirectory])
    {
    }

    /// <summary>Looks at <paramref name="configured"/>, else beside the first root and in tools/node above each root.</summary>
    internal HlsJsAsset(string? configured, IReadOnlyList<string> searchRoots)
    {
        var searched = new List<string>();
        Path = Locate(configured, searchRoots, searched);
        Problem = Path is null
            ? $"{FileName} was not found (looked at {string.Join(", ", searched)}). Run tools/setup.sh (it installs hls.js from tools/node/package-lock.json), or set {OptionsKey.For<ViewerOptions>(nameof(ViewerOptions.HlsJs))}."
            : null;
        _asset = new Lazy<StaticAsset?>(() => Path is null ? null : StaticAsset.Create(File.ReadAllBytes(Path), "text/javascript; charset=utf-8"));
    }

    /// <summary>The file served, or null when it was not found.</summary>
    public string? Path { get; }

    /// <summary>Why there is no file, naming where it was looked for; null when found.</summary>
    public string? Problem { get; }

    /// <summary>The file's bytes, read once.</summary>
    public StaticAsset? Asset => _asset.Value;

    private static string? Locate(string? configured, IReadOnlyList<string> searchRoots, List<string> searched)
    {
        if (configured is not null)
        {
            searched.Add(configured);
            return File.Exists(configured) ? System.IO.Path.GetFullPath(configured) : null;
        }
        var beside = System.IO.Path.Combine(searchRoots[0], "hls.js", FileName);
        searched.Add(beside);
        if (File.Exists(beside))
        {
            return beside;
        }
        foreach (var start in searchRoots.Distinct(StringComparer.Ordinal))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "tools", "node", "node_modules", "hls.js", "dist", FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            searched.Add($"tools/node/node_modules/hls.js/dist/{FileName} above {start}");
        }
        return null;
    }
}
