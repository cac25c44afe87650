namespace RafeCast.Infra.Tests.Processes;

/// <summary>How a command-line tool ended: exit code and everything it printed.</summary>
public sealed record CliProcessResult(CliCommand Command, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>Returns this result when the tool exited with 0; throws <see cref="CliProcessException"/> otherwise.</summary>
    public CliProcessResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw CliProcessException.Failed(this);
}
