using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RafeCast.GroundStation.Hosting;
using RafeCast.GroundStation.Hosting.Internal;
using RafeCast.Testing;

namespace RafeCast.GroundStation.Tests.Hosting;

public sealed class HostedServiceStageTests
{
    [Fact]
    public async Task StartAsync_BackgroundServiceFaultsLater_TheFaultIsLoggedAsAnError()
    {
        var logger = new ListLogger();
        var failing = new FailingBackgroundService();
        var stage = new HostedServiceStage(failing, "sweeper", StationStagePhase.Sinks, logger);

        await stage.StartAsync(CancellationToken.None);
        failing.Fail.SetResult();

        await Eventually.Until(() => !logger.Entries.IsEmpty, TimeSpan.FromSeconds(10), "the fault to be logged");
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("sweeper", entry.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(entry.Exception);
        await stage.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_BackgroundServiceStopsOnCancellation_NothingIsLogged()
    {
        var logger = new ListLogger();
        var stage = new HostedServiceStage(new FailingBackgroundService(), "sweeper", StationStagePhase.Sinks, logger);

        await stage.StartAsync(CancellationToken.None);
        await stage.StopAsync(CancellationToken.None);

        Assert.Empty(logger.Entries);
    }

    private sealed class FailingBackgroundService : BackgroundService
    {
        public TaskCompletionSource Fail { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Fail.Task.WaitAsync(stoppingToken);
            throw new IOException("storage is down");
        }
    }

    private sealed class ListLogger : ILogger<HostedServiceStage>
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
