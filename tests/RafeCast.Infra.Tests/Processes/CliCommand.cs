namespace RafeCast.Infra.Tests.Processes;

/// <summary>A command line to run: program, arguments (passed as-is, no shell) and working directory.</summary>
public sealed record CliCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    /// <summary>The program's short name, for messages.</summary>
    public string Program => Path.GetFileName(FileName);

    /// <summary>The command as a shell would show it, arguments with spaces quoted.</summary>
    public override string ToString() =>
        string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"')
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
