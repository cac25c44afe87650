namespace RafeCast.Testing;

/// <summary>Locates the checkout (the folder holding RafeCast.sln) and the tools installed into it by setup.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>Path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The pinned Node packages' folder (tools/node/node_modules).</summary>
    public static string NodeModules => Combine("tools", "node", "node_modules");

    /// <summary>An executable installed by tools/setup.sh under node_modules/.bin; fails clearly when setup has not run.</summary>
    public static string NodeBin(string name)
    {
        var path = Path.Combine(NodeModules, ".bin", name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run tools/setup.sh first (it installs the pinned Node packages).");
        }
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RafeCast.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No RafeCast.sln above {AppContext.BaseDirectory}.");
    }
}
