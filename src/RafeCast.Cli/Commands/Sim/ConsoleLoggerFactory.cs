using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace RafeCast.Cli.Commands.Sim;

/// <summary>
/// Log lines on the console for the long-running verbs: time, level, what happened (the message template
/// filled in). Enough for a terminal; the service uses the host's logging instead.
/// </summary>
internal sealed class ConsoleLoggerFactory(IAnsiConsole console, LogLevel minimum, TimeProvider time) : ILoggerFactory
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new ConsoleLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string text, Exception? exception)
    {
        var colour = level switch
        {
            >= LogLevel.Error => "red",
            LogLevel.Warning => "yellow",
            LogLevel.Information => "default",
            _ => "grey",
        };
        var stamp = time.GetUtcNow().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        var detail = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})";
        lock (_gate)
        {
            if (console.Profile.Capabilities.Interactive)
            {
                console.MarkupLine($"[grey]{stamp}[/] [{colour}]{Markup.Escape(text + detail)}[/]");
            }
            else
            {
                // Piped to a file or another program: whole lines, never wrapped at a guessed width.
                console.Profile.Out.Writer.WriteLine($"{stamp} {text}{detail}");
                console.Profile.Out.Writer.Flush();
            }
        }
    }

    private sealed class ConsoleLogger(ConsoleLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel != LogLevel.None && logLevel >= owner.MinimumFor(category);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, formatter(state, exception), exception);
            }
        }
    }

    /// <summary>The verb's own stage at the chosen level; the libraries below it only when something is wrong.</summary>
    private LogLevel MinimumFor(string category) =>
        category.StartsWith("RafeCast.Simulator", StringComparison.Ordinal) || category.StartsWith("RafeCast.Cli", StringComparison.Ordinal)
            ? minimum
            : (LogLevel)Math.Max((int)minimum, (int)LogLevel.Warning);
}
