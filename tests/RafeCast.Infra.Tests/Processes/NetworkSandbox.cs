namespace RafeCast.Infra.Tests.Processes;

/// <summary>
/// Runs a command without network: in a new network namespace (util-linux <c>unshare</c>) where the
/// only interface is a loopback that is down, so every connection, even to 127.0.0.1, fails at once.
/// A new user namespace comes with it, which lets a non-root user do this too.
/// </summary>
public static class NetworkSandbox
{
    /// <summary>The same command, run inside a fresh network namespace.</summary>
    public static CliCommand Isolate(CliCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command with
        {
            FileName = "unshare",
            Arguments = ["--map-root-user", "--net", "--", command.FileName, .. command.Arguments],
        };
    }
}
