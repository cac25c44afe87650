namespace RafeCast.Infra.Tests.Processes;

/// <summary>A command-line tool could not be started, or exited with a failure.</summary>
public sealed class CliProcessException : Exception
{
    public CliProcessException()
    {
    }

    public CliProcessException(string message)
        : base(message)
    {
    }

    public CliProcessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private CliProcessException(string message, CliProcessResult result)
        : base(message)
    {
        Result = result;
    }

    /// <summary>How the tool ended, when it ran at all.</summary>
    public CliProcessResult? Result { get; }

    internal static CliProcessException Failed(CliProcessResult result, string? what = null) =>
        new($"{what ?? result.Command.Program} failed with exit code {result.ExitCode}: {result.Command}{Environment.NewLine}{Tail(result.StandardError, result.StandardOutput)}", result);

    private static string Tail(string standardError, string standardOutput)
    {
        var text = string.IsNullOrWhiteSpace(standardError) ? standardOutput : standardError;
        const int Keep = 4000;
        return text.Length <= Keep ? text : "…" + text[^Keep..];
    }
}
