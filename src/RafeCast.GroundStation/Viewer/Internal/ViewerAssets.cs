using System.Reflection;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>The viewer's own HTML, CSS and JavaScript, embedded in the assembly and held in memory.</summary>
internal sealed class ViewerAssets
{
    private const string Prefix = "RafeCast.GroundStation.Viewer.wwwroot.";
    private readonly Dictionary<string, StaticAsset> _assets = new(StringComparer.Ordinal);

    public ViewerAssets()
    {
        var assembly = typeof(ViewerAssets).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..];
            _assets[name] = StaticAsset.Create(copy.ToArray(), StaticAsset.ContentTypeOf(name));
        }
    }

    /// <summary>An asset by file name (e.g. <c>watch.js</c>), or null.</summary>
    public StaticAsset? Find(string name) => _assets.GetValueOrDefault(name);

    /// <summary>An asset that must exist (the pages).</summary>
    public StaticAsset Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"The viewer asset {name} is not embedded in {typeof(ViewerAssets).Assembly.GetName().Name}.");

    /// <summary>A UTF-8 asset's text.</summary>
    public string Text(string name) => System.Text.Encoding.UTF8.GetString(Get(name).Content);
}
