using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RafeCast.Infra.Tests.Logging;

/// <summary>An <see cref="ILogger"/> that writes to the test's output (or, in a fixture, to xunit's diagnostic sink).</summary>
public sealed class TestLogger(Action<string> write) : ILogger
{
    public static TestLogger For(ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new TestLogger(output.WriteLine);
    }

    public static TestLogger For(IMessageSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new TestLogger(line => sink.OnMessage(new DiagnosticMessage(line)));
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        try
        {
            write($"[{logLevel}] {formatter(state, exception)}{(exception is null ? string.Empty : Environment.NewLine + exception)}");
        }
        catch (InvalidOperationException)
        {
            // xunit refuses output once its test has finished; a late line is not worth failing for.
        }
    }
}
