using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.Core.Flights;
using RafeCast.Core.Tagging;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.Geo.Crossings;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Sidecars;
using RafeCast.Geo.Tagging;
using RafeCast.Geo.Tracks;
using RafeCast.Pipeline.Events;

namespace RafeCast.Geo;

/// <summary>
/// The geo tagging stage as the ground station drives it: feed it every telemetry sample (it keeps each
/// vehicle's track and publishes <see cref="DomeCrossed"/> for each crossing as the samples arrive), and
/// ask it to tag each closed segment (it publishes <see cref="SegmentTagged"/>). The ground station's
/// notification handlers call it; it holds no handler itself, so wiring stays in the composition root.
/// </summary>
public sealed class GeoTaggingStage
{
    private readonly IPublisher _publisher;
    private readonly ILogger<GeoTaggingStage> _logger;
    private readonly GeoOptions _options;
    private readonly SampleClassifier _classifier;
    private SegmentTagger _tagger;

    public GeoTaggingStage(DomeRegistry registry, IPublisher publisher, IOptions<GeoOptions> options, ILogger<GeoTaggingStage> logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options.Value;
        Tracks = new FlightTrackStore(_options);
        _classifier = new SampleClassifier(registry, _options);
        _tagger = new SegmentTagger(registry, _options);
        Log.RegistryInUse(_logger, registry.Source, registry.Count);
    }

    /// <summary>The domes in use.</summary>
    public DomeRegistry Registry => Volatile.Read(ref _tagger).Registry;

    /// <summary>Every vehicle's live track.</summary>
    public FlightTrackStore Tracks { get; }

    /// <summary>Switches to a new registry (domes rebuilt); tracks are kept.</summary>
    public void ReplaceRegistry(DomeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _classifier.Registry = registry;
        Volatile.Write(ref _tagger, new SegmentTagger(registry, _options));
        Log.RegistryInUse(_logger, registry.Source, registry.Count);
    }

    /// <summary>
    /// Adds a sample to its vehicle's track, classifies it, and publishes <see cref="DomeCrossed"/> for every
    /// crossing since the vehicle's previous sample.
    /// </summary>
    public async ValueTask<SampleClassification> OnTelemetryAsync(TelemetrySample sample, FlightId? flight, CancellationToken cancellationToken)
    {
        var added = Tracks.Add(sample);
        if (added is not (TrackAddResult.Appended or TrackAddResult.Inserted))
        {
            Log.SampleNotAdded(_logger, sample.Vehicle.ToString(), sample.TimeUtc, added.ToString());
        }
        var classification = _classifier.Classify(sample, flight);
        foreach (var crossing in classification.Crossings)
        {
            Log.DomeCrossed(_logger, crossing.Vehicle.ToString(), crossing.DomeId, crossing.Direction.ToString(), crossing.TimeUtc);
            await _publisher.Publish(new DomeCrossed(crossing), cancellationToken).ConfigureAwait(false);
        }
        return classification;
    }

    /// <summary>Tags <paramref name="segment"/> from <paramref name="vehicle"/>'s track and publishes <see cref="SegmentTagged"/>.</summary>
    public async ValueTask<TaggedSegment> TagSegmentAsync(VideoSegment segment, VehicleId vehicle, FlightId flight, string? pilot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var tags = TagWindow(vehicle, segment.StartUtc, segment.EndUtc, flight);
        if (tags.Stale)
        {
            Log.SegmentWithoutPosition(_logger, segment.Stream.Value, segment.Rung, segment.Sequence);
        }
        var tagged = new TaggedSegment(segment, flight, vehicle, pilot, tags);
        Log.SegmentTagged(_logger, segment.Stream.Value, segment.Rung, segment.Sequence, tags.Classification.ToString(), tags.Stale);
        await _publisher.Publish(new SegmentTagged(tagged), cancellationToken).ConfigureAwait(false);
        return tagged;
    }

    /// <summary>Tags the window [<paramref name="startUtc"/>, <paramref name="endUtc"/>) of a vehicle's track without publishing.</summary>
    public SegmentTags TagWindow(VehicleId vehicle, DateTimeOffset startUtc, DateTimeOffset endUtc, FlightId? flight = null)
    {
        var tagger = Volatile.Read(ref _tagger);
        return Tracks.TryGet(vehicle, out var track)
            ? tagger.Tag(track.Snapshot(startUtc, endUtc), startUtc, endUtc, flight)
            : SegmentTags.UnknownPosition;
    }

    /// <summary>The sidecar content of a window of a vehicle's track (a segment with its tags, or a whole flight).</summary>
    public SidecarTrack Sidecar(string title, VehicleId vehicle, DateTimeOffset startUtc, DateTimeOffset endUtc, FlightId? flight = null, SegmentTags? tags = null)
    {
        var snapshot = Tracks.TryGet(vehicle, out var track)
            ? track.Snapshot(startUtc, endUtc)
            : new TrackSnapshot([], _options);
        return SidecarTrack.Create(title, snapshot, Registry, startUtc, endUtc, flight, tags);
    }
}
