using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RafeCast.Cli.Commands.Demo;

/// <summary>
/// The demo's logging: every stage's messages from Information up go to a log file in the data directory, and
/// warnings and errors also to the console (as one line each), so the terminal shows the summary, not the chatter.
/// </summary>
internal sealed class DemoLog : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _file;
    private readonly Action<LogLevel, string> _console;

    public DemoLog(string path, Action<LogLevel, string> console)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        Path = path;
        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        _console = console;
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {Short(level)} {category}: {message}{(exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})")}");
        lock (_gate)
        {
            try
            {
                _file.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // A late message after the demo closed its log.
            }
        }
        if (level >= LogLevel.Warning)
        {
            _console(level, exception is null ? message : $"{message} ({exception.GetType().Name}: {exception.Message})");
        }
    }

    private static string Short(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(DemoLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // Mediator's per-notification traces and ASP.NET Core's request logs would drown the file.
        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= (category.StartsWith("Microsoft", StringComparison.Ordinal) ? LogLevel.Warning : LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
