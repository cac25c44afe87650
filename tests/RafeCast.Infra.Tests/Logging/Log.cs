using Microsoft.Extensions.Logging;

namespace RafeCast.Infra.Tests.Logging;

/// <summary>Every log message of this project. Event ids start at 9000: LogEventIds has no range for infra.</summary>
internal static partial class Log
{
    private const int Base = 9000;

    [LoggerMessage(EventId = Base + 1, Level = LogLevel.Information, Message = "Starting {CommandLine} in {WorkingDirectory}")]
    public static partial void ProcessStarting(ILogger logger, string commandLine, string workingDirectory);

    [LoggerMessage(EventId = Base + 2, Level = LogLevel.Information, Message = "{Program} exited with code {ExitCode} after {ElapsedMilliseconds} ms")]
    public static partial void ProcessExited(ILogger logger, string program, int exitCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = Base + 3, Level = LogLevel.Warning, Message = "{Program} ran past its {TimeoutSeconds} s or was cancelled: killing its process tree")]
    public static partial void ProcessKilled(ILogger logger, string program, double timeoutSeconds);

    [LoggerMessage(EventId = Base + 4, Level = LogLevel.Debug, Message = "{Program}: {Line}")]
    public static partial void ProcessOutput(ILogger logger, string program, string line);

    [LoggerMessage(EventId = Base + 5, Level = LogLevel.Information, Message = "Stopping {Program} (pid {ProcessId}) with SIGTERM")]
    public static partial void ProcessStopping(ILogger logger, string program, int processId);
}
