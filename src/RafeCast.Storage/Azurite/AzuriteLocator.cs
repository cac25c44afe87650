namespace RafeCast.Storage.Azurite;

/// <summary>Finds the <c>azurite-blob</c> executable that <c>tools/setup.sh</c> installs into the checkout.</summary>
public static class AzuriteLocator
{
    /// <summary>The environment variable that names the executable explicitly.</summary>
    public const string EnvironmentVariable = "RAFECAST_AZURITE";

    private static readonly string RelativeToRoot = Path.Combine("tools", "node", "node_modules", ".bin", "azurite-blob");

    /// <summary>
    /// <paramref name="configured"/> when set (it must exist), else <c>$RAFECAST_AZURITE</c>, else
    /// <c>tools/node/node_modules/.bin/azurite-blob</c> in a folder above the application or the current
    /// directory, else <c>azurite-blob</c> on PATH.
    /// </summary>
    /// <exception cref="FileNotFoundException">Not found; the message says where it looked and how to fix it.</exception>
    public static string Find(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"{StorageOptions.SectionName}:AzuriteExecutable names '{configured}', which does not exist.", configured);
        }
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new FileNotFoundException($"{EnvironmentVariable} names '{fromEnvironment}', which does not exist.", fromEnvironment);
        }
        var looked = new List<string>();
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativeToRoot);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            looked.Add($"{RelativeToRoot} above {start}");
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "azurite-blob");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        looked.Add("azurite-blob on PATH");
        throw new FileNotFoundException(
            $"azurite-blob (Azurite 3.37.0) was not found (looked for {string.Join("; ", looked)}). Run tools/setup.sh in the RafeCast checkout, " +
            $"or set {StorageOptions.SectionName}:AzuriteExecutable or {EnvironmentVariable} to its path, or configure {StorageOptions.SectionName}:ConnectionString / AccountUrl.");
    }
}
