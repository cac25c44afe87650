using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Infrastructure;

/// <summary>Turns an exception that escaped a command into one clear line on the console and an exit code.</summary>
internal static class ErrorReporter
{
    public static int Report(IAnsiConsole console, Exception exception)
    {
        switch (exception)
        {
            case CommandParseException or CommandRuntimeException:
                WriteError(console, exception.Message);
                return ExitCodes.Usage;
            case OperationCanceledException:
                return ExitCodes.Cancelled;
            case UserFacingException user:
                WriteError(console, user.Message);
                return user.ExitCode;
            default:
                WriteError(console, $"{exception.GetType().Name}: {exception.Message}");
                return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// Writes "error: message" with the message as plain text: markup would turn configuration keys such
    /// as "RafeCast:Station:Http" into emoji (":station:") and eat square brackets.
    /// </summary>
    public static void WriteError(IAnsiConsole console, string message)
    {
        console.Write(new Markup("[red]error:[/] "));
        console.Write(new Text(message));
        console.WriteLine();
    }
}

/// <summary>An error whose message is written for the user: printed as is, with its own exit code.</summary>
public sealed class UserFacingException(string message, int exitCode = ExitCodes.Failed, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
