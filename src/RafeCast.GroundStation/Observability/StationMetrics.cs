using System.Diagnostics.Metrics;
using RafeCast.GroundStation.Live;

namespace RafeCast.GroundStation.Observability;

/// <summary>
/// The station's own instruments (meter <c>RafeCast.Station</c>), derived from pipeline notifications.
/// Stages add theirs in meters named <c>RafeCast.&lt;Stage&gt;</c> (frames and packet loss in
/// <c>RafeCast.Mavlink</c>, the outbox depth in <c>RafeCast.Storage</c>, ...); <c>/metrics</c> exports
/// every meter whose name starts with <c>RafeCast.</c>.
/// </summary>
public sealed class StationMetrics
{
    /// <summary>The station's meter name.</summary>
    public const string MeterName = "RafeCast.Station";

    /// <summary>Bucket bounds for publish latency, seconds: a loopback upload is tens of milliseconds, a field uplink seconds.</summary>
    private static readonly double[] LatencyBucketsSeconds = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];

    /// <summary>Bucket bounds for gap durations, seconds.</summary>
    private static readonly double[] GapBucketsSeconds = [0.5, 1, 2, 5, 10, 30, 60, 300, 1800];

    public StationMetrics(IMeterFactory meterFactory, LiveStationModel model, LiveFeed feed)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        TelemetrySamples = meter.CreateCounter<long>("rafecast.station.telemetry_samples", "{sample}", "Position fixes received, by vehicle");
        VehicleConnections = meter.CreateCounter<long>("rafecast.station.vehicle_connections", "{connection}", "Vehicles heard first or again after a link loss, by vehicle");
        VehicleLinkLosses = meter.CreateCounter<long>("rafecast.station.vehicle_link_losses", "{loss}", "Vehicle links lost, by vehicle");
        SegmentsClosed = meter.CreateCounter<long>("rafecast.station.segments_closed", "{segment}", "Segments closed in the spool, by stream and rung");
        SegmentBytes = meter.CreateCounter<long>("rafecast.station.segment_bytes", "By", "Bytes of closed segments, by stream and rung");
        SegmentsTagged = meter.CreateCounter<long>("rafecast.station.segments_tagged", "{segment}", "Segments tagged, by stream and classification");
        SegmentsPublished = meter.CreateCounter<long>("rafecast.station.segments_published", "{segment}", "Segments visible in storage, by stream");
        PublishLatency = meter.CreateHistogram<double>("rafecast.station.publish_latency", "s", "From segment close to visible in storage",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBucketsSeconds });
        DomeCrossings = meter.CreateCounter<long>("rafecast.station.dome_crossings", "{crossing}", "Dome boundary crossings, by dome and direction");
        StreamGaps = meter.CreateCounter<long>("rafecast.station.stream_gaps", "{gap}", "Stream interruptions, by stream and reason");
        StreamGapDuration = meter.CreateHistogram<double>("rafecast.station.stream_gap_duration", "s", "How long streams were interrupted",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = GapBucketsSeconds });
        meter.CreateObservableGauge("rafecast.station.vehicles_connected", () => model.ConnectedVehicles, "{vehicle}", "Vehicles whose link is up");
        meter.CreateObservableGauge("rafecast.station.live_streams", () => model.LiveStreams, "{stream}", "Streams that produced a segment within the idle timeout");
        meter.CreateObservableGauge("rafecast.station.unpublished_segments", () => model.UnpublishedSegments, "{segment}",
            "Segments tagged but not yet published (the storage stage's outbox depth is rafecast.storage.*)");
        meter.CreateObservableGauge("rafecast.station.viewer_connections", () => feed.Subscribers, "{connection}", "Viewer pages receiving live updates");
        meter.CreateObservableCounter("rafecast.station.viewer_updates_dropped", () => feed.Dropped, "{update}", "Live updates dropped for viewers that fell behind");
    }

    public Counter<long> TelemetrySamples { get; }
    public Counter<long> VehicleConnections { get; }
    public Counter<long> VehicleLinkLosses { get; }
    public Counter<long> SegmentsClosed { get; }
    public Counter<long> SegmentBytes { get; }
    public Counter<long> SegmentsTagged { get; }
    public Counter<long> SegmentsPublished { get; }

    /// <summary>Seconds from segment close to visible in storage.</summary>
    public Histogram<double> PublishLatency { get; }
    public Counter<long> DomeCrossings { get; }
    public Counter<long> StreamGaps { get; }

    /// <summary>Seconds a stream was interrupted.</summary>
    public Histogram<double> StreamGapDuration { get; }
}
