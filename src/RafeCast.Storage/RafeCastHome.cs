namespace RafeCast.Storage;

/// <summary>
/// The RafeCast data directory: where the embedded Azurite keeps its blobs and the outbox its queue, so the
/// demo and later <c>rafecast archive</c> commands find the same archive with no setup.
/// </summary>
public static class RafeCastHome
{
    /// <summary>The environment variable that overrides the data directory.</summary>
    public const string EnvironmentVariable = "RAFECAST_HOME";

    /// <summary>
    /// <paramref name="configured"/> when set, else <c>$RAFECAST_HOME</c>, else <c>$XDG_DATA_HOME/rafecast</c>,
    /// else <c>~/.local/share/rafecast</c>. The directory is not created here.
    /// </summary>
    public static string Resolve(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "rafecast");
        }
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "rafecast");
    }
}
