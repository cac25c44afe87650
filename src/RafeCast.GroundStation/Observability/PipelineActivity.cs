using System.Collections.Concurrent;
using Mediator;
using RafeCast.Pipeline.Events;

namespace RafeCast.GroundStation.Observability;

/// <summary>
/// Counts every pipeline event as it happens, for the live summary, health checks and metrics.
/// Handlers only increment counters: they never slow the stage that published the event.
/// </summary>
public sealed class PipelineActivity :
    INotificationHandler<TelemetryReceived>,
    INotificationHandler<VehicleConnected>,
    INotificationHandler<VehicleLinkLost>,
    INotificationHandler<SegmentClosed>,
    INotificationHandler<SegmentTagged>,
    INotificationHandler<DomeCrossed>,
    INotificationHandler<SegmentPublished>,
    INotificationHandler<StreamGap>
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>How many events of the given type (e.g. nameof(SegmentClosed)) have been seen.</summary>
    public long Count(string eventName) => _counts.TryGetValue(eventName, out var n) ? n : 0;

    /// <summary>A snapshot of all counters, by event name.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    private ValueTask Increment(string name)
    {
        _counts.AddOrUpdate(name, 1, static (_, n) => n + 1);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(TelemetryReceived notification, CancellationToken cancellationToken) => Increment(nameof(TelemetryReceived));
    public ValueTask Handle(VehicleConnected notification, CancellationToken cancellationToken) => Increment(nameof(VehicleConnected));
    public ValueTask Handle(VehicleLinkLost notification, CancellationToken cancellationToken) => Increment(nameof(VehicleLinkLost));
    public ValueTask Handle(SegmentClosed notification, CancellationToken cancellationToken) => Increment(nameof(SegmentClosed));
    public ValueTask Handle(SegmentTagged notification, CancellationToken cancellationToken) => Increment(nameof(SegmentTagged));
    public ValueTask Handle(DomeCrossed notification, CancellationToken cancellationToken) => Increment(nameof(DomeCrossed));
    public ValueTask Handle(SegmentPublished notification, CancellationToken cancellationToken) => Increment(nameof(SegmentPublished));
    public ValueTask Handle(StreamGap notification, CancellationToken cancellationToken) => Increment(nameof(StreamGap));
}
