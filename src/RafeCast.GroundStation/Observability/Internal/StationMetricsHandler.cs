using Mediator;
using RafeCast.Core.Tagging;
using RafeCast.GroundStation.Live;
using RafeCast.Pipeline.Events;

namespace RafeCast.GroundStation.Observability.Internal;

/// <summary>Turns pipeline notifications into the station's counters and histograms.</summary>
internal sealed class StationMetricsHandler(StationMetrics metrics) :
    INotificationHandler<VehicleConnected>,
    INotificationHandler<VehicleLinkLost>,
    INotificationHandler<TelemetryReceived>,
    INotificationHandler<DomeCrossed>,
    INotificationHandler<SegmentClosed>,
    INotificationHandler<SegmentTagged>,
    INotificationHandler<SegmentPublished>,
    INotificationHandler<StreamGap>
{
    public ValueTask Handle(VehicleConnected notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        metrics.VehicleConnections.Add(1, Tag("vehicle", notification.Vehicle.ToString()));
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(VehicleLinkLost notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        metrics.VehicleLinkLosses.Add(1, Tag("vehicle", notification.Vehicle.ToString()));
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(TelemetryReceived notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        metrics.TelemetrySamples.Add(1, Tag("vehicle", notification.Sample.Vehicle.ToString()));
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(DomeCrossed notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        metrics.DomeCrossings.Add(1, Tag("dome", notification.Crossing.DomeId), Tag("direction", LiveStationModel.DirectionName(notification.Crossing.Direction)));
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(SegmentClosed notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var segment = notification.Segment;
        var stream = Tag("stream", segment.Stream.Value);
        var rung = Tag("rung", segment.Rung);
        metrics.SegmentsClosed.Add(1, stream, rung);
        metrics.SegmentBytes.Add(segment.SizeBytes, stream, rung);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(SegmentTagged notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var tagged = notification.Tagged;
        metrics.SegmentsTagged.Add(1, Tag("stream", tagged.Segment.Stream.Value), Tag("classification", KindName(tagged.Tags.Classification.Kind)));
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(SegmentPublished notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var stream = Tag("stream", notification.Published.Tagged.Segment.Stream.Value);
        metrics.SegmentsPublished.Add(1, stream);
        metrics.PublishLatency.Record(notification.Published.Latency.TotalSeconds, stream);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(StreamGap notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var gap = notification.Gap;
        var stream = Tag("stream", gap.Stream.Value);
        metrics.StreamGaps.Add(1, stream, Tag("reason", LiveStationModel.ReasonName(gap.Reason)));
        metrics.StreamGapDuration.Record(Math.Max(0, (gap.EndUtc - gap.StartUtc).TotalSeconds), stream);
        return ValueTask.CompletedTask;
    }

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    private static string KindName(ClassificationKind kind) => kind switch
    {
        ClassificationKind.Inside => "inside",
        ClassificationKind.Outside => "outside",
        ClassificationKind.Crossing => "crossing",
        _ => "unknown",
    };
}
