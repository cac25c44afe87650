using System.Collections.Concurrent;
using Mediator;

namespace RafeCast.GroundStation.Observability;

/// <summary>
/// Counts every pipeline notification by type as it happens, for the live summary, health checks and
/// metrics. It receives all notifications (polymorphic dispatch), so a new event type is counted
/// without touching this class. It only increments a counter: it never slows the publishing stage.
/// </summary>
public sealed class PipelineActivity : INotificationHandler<INotification>
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>How many events of the given type (e.g. nameof(SegmentClosed)) have been seen.</summary>
    public long Count(string eventName) => _counts.TryGetValue(eventName, out var n) ? n : 0;

    /// <summary>A snapshot of all counters, by event name.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public ValueTask Handle(INotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        _counts.AddOrUpdate(notification.GetType().Name, 1, static (_, n) => n + 1);
        return ValueTask.CompletedTask;
    }
}
