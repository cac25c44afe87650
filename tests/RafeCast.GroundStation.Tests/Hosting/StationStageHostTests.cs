using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RafeCast.GroundStation.Hosting;
using RafeCast.GroundStation.Tests.Support;
using RafeCast.Testing;
using Xunit.Abstractions;

namespace RafeCast.GroundStation.Tests.Hosting;

public sealed class StationStageHostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StartAndStop_StagesOfEveryPhase_SinksStartFirstAndSourcesStopFirst()
    {
        var journal = new Journal();
        var host = await StationTestHost.StartAsync(output, b =>
        {
            b.Services.AddSingleton(journal);
            // Registered out of data-flow order on purpose.
            b.Services.AddStationStage<IngestStage>();
            b.Services.AddStationStage<PublisherStage>();
            b.Services.AddStationStage<TaggerStage>();
        });

        Assert.Equal(["start publisher", "start tagger", "start ingest"], journal.Entries);

        await host.DisposeAsync();

        Assert.Equal(["start publisher", "start tagger", "start ingest", "stop ingest", "stop tagger", "stop publisher"], journal.Entries);
    }

    [Fact]
    public async Task StartAsync_AStageFails_StagesAlreadyStartedAreStoppedAndTheHostFails()
    {
        var journal = new Journal { FailToStart = "tagger" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StationTestHost.StartAsync(output, b =>
        {
            b.Services.AddSingleton(journal);
            b.Services.AddStationStage<PublisherStage>();
            b.Services.AddStationStage<TaggerStage>();
            b.Services.AddStationStage<IngestStage>();
        }));

        Assert.Equal("tagger cannot start", error.Message);
        Assert.Equal(["start publisher", "stop publisher"], journal.Entries);
    }

    [Fact]
    public async Task StartAsync_CtrlCWhileAStageStarts_StagesAlreadyStartedAreStoppedInOrder()
    {
        using var ctrlC = new CancellationTokenSource();
        var journal = new Journal { CancelOnStart = ("ingest", ctrlC) };
        var stationHost = new RafeCast.GroundStation.Hosting.Internal.StationStageHost(
            [new IngestStage(journal), new TaggerStage(journal), new PublisherStage(journal)],
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RafeCast.GroundStation.Hosting.Internal.StationStageHost>.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stationHost.StartAsync(ctrlC.Token));

        Assert.Equal(["start publisher", "start tagger", "stop tagger", "stop publisher"], journal.Entries);
    }

    [Fact]
    public async Task StopAsync_AStageThrows_TheOthersStillStop()
    {
        var journal = new Journal { FailToStop = "tagger" };
        var host = await StationTestHost.StartAsync(output, b =>
        {
            b.Services.AddSingleton(journal);
            b.Services.AddStationStage<PublisherStage>();
            b.Services.AddStationStage<TaggerStage>();
            b.Services.AddStationStage<IngestStage>();
        });

        await host.DisposeAsync();

        Assert.Equal(["stop ingest", "stop tagger", "stop publisher"], journal.Entries.Where(e => e.StartsWith("stop", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AddStationStage_AStagesOwnHostedService_RunsInItsPhase()
    {
        var journal = new Journal();
        var host = await StationTestHost.StartAsync(output, b =>
        {
            b.Services.AddSingleton(journal);
            b.Services.AddStationStage<IngestBackgroundService>("video", StationStagePhase.Sources);
            b.Services.AddStationStage<PublisherStage>();
        });
        await Eventually.Until(() => journal.Entries.Contains("video running"), TimeSpan.FromSeconds(10), "the background service to run");

        await host.DisposeAsync();

        Assert.Equal(["start publisher", "video running", "video stopped", "stop publisher"], journal.Entries);
    }

    /// <summary>A stage written as a plain BackgroundService, as a stage library would.</summary>
    internal sealed class IngestBackgroundService(Journal journal) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            journal.Add("video running");
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                journal.Add("video stopped");
            }
        }
    }

    internal sealed class Journal
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public string? FailToStart { get; init; }

        public string? FailToStop { get; init; }

        /// <summary>The stage whose start sees Ctrl-C: it cancels the token and gives up, as a start cut short does.</summary>
        public (string Stage, CancellationTokenSource CtrlC)? CancelOnStart { get; init; }

        public IReadOnlyList<string> Entries => [.. _entries];

        public void Add(string entry) => _entries.Enqueue(entry);
    }

    internal abstract class RecordingStage(Journal journal, string name, StationStagePhase phase) : IStationStage
    {
        public string Name => name;

        public StationStagePhase Phase => phase;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (journal.FailToStart == name)
            {
                throw new InvalidOperationException($"{name} cannot start");
            }
            if (journal.CancelOnStart is { } cancel && cancel.Stage == name)
            {
                cancel.CtrlC.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }
            journal.Add($"start {name}");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            journal.Add($"stop {name}");
            return journal.FailToStop == name ? throw new InvalidOperationException($"{name} cannot stop") : Task.CompletedTask;
        }
    }

    internal sealed class IngestStage(Journal journal) : RecordingStage(journal, "ingest", StationStagePhase.Sources);

    internal sealed class TaggerStage(Journal journal) : RecordingStage(journal, "tagger", StationStagePhase.Processing);

    internal sealed class PublisherStage(Journal journal) : RecordingStage(journal, "publisher", StationStagePhase.Sinks);
}
