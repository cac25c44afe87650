using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Tagging;
using RafeCast.Core.Video;
using RafeCast.Geo.Domes;
using RafeCast.Pipeline.Events;

namespace RafeCast.Geo.Tests;

public sealed class GeoTaggingStageTests
{
    private static readonly TestWorld World = TestWorld.Canberra;
    private static readonly DateTimeOffset T0 = TestWorld.T0;

    private sealed class RecordingPublisher : IPublisher
    {
        public List<object> Published { get; } = [];

        public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification
        {
            Published.Add(notification);
            return ValueTask.CompletedTask;
        }

        public ValueTask Publish(object notification, CancellationToken cancellationToken = default)
        {
            Published.Add(notification);
            return ValueTask.CompletedTask;
        }
    }

    private static (GeoTaggingStage Stage, RecordingPublisher Publisher) Create()
    {
        var publisher = new RecordingPublisher();
        var registry = DomeRegistry.Create([World.Square("dome-square", 0, 0, 200)]);
        return (new GeoTaggingStage(registry, publisher, Options.Create(new GeoOptions()), NullLogger<GeoTaggingStage>.Instance), publisher);
    }

    [Fact]
    public async Task OnTelemetryAsync_FlightThroughADome_PublishesDomeCrossedAsSamplesArrive()
    {
        var (stage, publisher) = Create();
        var flight = FlightId.Armed(TestWorld.Vehicle, T0);
        var crossedAt = new List<int>();
        var samples = World.StraightFlight(-300, 0, 90, 10, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));

        for (var i = 0; i < samples.Count; i++)
        {
            var before = publisher.Published.Count;
            await stage.OnTelemetryAsync(samples[i], flight, CancellationToken.None);
            if (publisher.Published.Count > before)
            {
                crossedAt.Add(i);
            }
        }

        var crossings = publisher.Published.Cast<DomeCrossed>().Select(n => n.Crossing).ToList();
        Assert.Equal([CrossingDirection.Enter, CrossingDirection.Exit], crossings.Select(c => c.Direction));
        Assert.All(crossings, c => Assert.Equal(flight, c.Flight));
        // Published with the first sample past each wall (20 s and 40 s at 4 Hz), not at the end.
        Assert.Equal([80, 160], crossedAt);
        Assert.Equal(samples.Count, stage.Tracks.GetOrCreate(TestWorld.Vehicle).Count);
    }

    [Fact]
    public async Task TagSegmentAsync_ClosedSegment_PublishesSegmentTagged()
    {
        var (stage, publisher) = Create();
        foreach (var sample in World.StraightFlight(-300, 0, 90, 10, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250)))
        {
            await stage.OnTelemetryAsync(sample, null, CancellationToken.None);
        }
        publisher.Published.Clear();
        var segment = new VideoSegment(StreamId.ForVehicleCamera(1), "source", 15, T0.AddSeconds(30), TimeSpan.FromSeconds(2), "/spool/15.ts", 1, "00");
        var flight = FlightId.Armed(TestWorld.Vehicle, T0);

        var tagged = await stage.TagSegmentAsync(segment, TestWorld.Vehicle, flight, "Rafe", CancellationToken.None);

        Assert.Equal(SegmentClassification.InsideDome("dome-square"), tagged.Tags.Classification);
        Assert.Equal(("Rafe", flight), (tagged.Pilot, tagged.Flight));
        Assert.Same(tagged, Assert.IsType<SegmentTagged>(Assert.Single(publisher.Published)).Tagged);
    }

    [Fact]
    public async Task TagSegmentAsync_VehicleWithoutTelemetry_IsUnknown()
    {
        var (stage, _) = Create();
        var segment = new VideoSegment(StreamId.ForVehicleCamera(2), "source", 0, T0, TimeSpan.FromSeconds(2), "/spool/0.ts", 1, "00");

        var tagged = await stage.TagSegmentAsync(segment, new(2, 1), FlightId.Ground(new(2, 1), T0), null, CancellationToken.None);

        Assert.Equal(SegmentClassification.Unknown, tagged.Tags.Classification);
        Assert.True(tagged.Tags.Stale);
    }

    [Fact]
    public void AddGeoTagging_DefaultOptions_LoadsTheDemoCityRegistry()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IPublisher, RecordingPublisher>();
        services.AddGeoTagging();
        using var provider = services.BuildServiceProvider();

        var stage = provider.GetRequiredService<GeoTaggingStage>();

        Assert.Equal(SampleRegistries.DemoCityPath, stage.Registry.Source);
        Assert.Equal(7, stage.Registry.Count);
    }

    [Fact]
    public void GeoOptionsValidator_BadValues_NameTheirKeys()
    {
        var result = new GeoOptionsValidator().Validate(null, new GeoOptions
        {
            GapThreshold = TimeSpan.Zero,
            PositionHold = TimeSpan.FromSeconds(-1),
            DomeRegistryPath = "/nonexistent/domes.geojson",
        });

        Assert.True(result.Failed);
        Assert.Contains("RafeCast:Geo:GapThreshold", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RafeCast:Geo:PositionHold", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RafeCast:Geo:DomeRegistryPath", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new GeoOptionsValidator().Validate(null, new GeoOptions()).Succeeded);
    }
}
