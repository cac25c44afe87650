using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace RafeCast.GroundStation.Tests.Support;

/// <summary>Sends the station's logs to the test's output (shown when a test fails).</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, categoryName);

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? string.Empty : "\n" + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; a late log line (shutdown) has nowhere to go.
            }
        }
    }
}
