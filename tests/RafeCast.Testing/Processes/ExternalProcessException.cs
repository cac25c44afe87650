namespace RafeCast.Testing.Processes;

/// <summary>An external process a test depends on exited when it should not have, or could not start.</summary>
public sealed class ExternalProcessException(string message, int? exitCode = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The exit code, when the process had exited.</summary>
    public int? ExitCode { get; } = exitCode;
}
