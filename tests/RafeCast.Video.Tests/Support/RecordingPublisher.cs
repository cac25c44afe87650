using System.Collections.Concurrent;
using Mediator;
using RafeCast.Pipeline.Events;

namespace RafeCast.Video.Tests.Support;

/// <summary>An IPublisher that keeps every notification, for asserting what a stage published.</summary>
internal sealed class RecordingPublisher : IPublisher
{
    private readonly ConcurrentQueue<(object Notification, DateTimeOffset AtUtc)> _published = new();

    public IReadOnlyList<object> Published => [.. _published.Select(p => p.Notification)];

    public IReadOnlyList<SegmentClosed> Segments => [.. Published.OfType<SegmentClosed>()];

    public IReadOnlyList<StreamGap> Gaps => [.. Published.OfType<StreamGap>()];

    public IReadOnlyList<SegmentClosed> SegmentsOf(string rung) => [.. Segments.Where(s => s.Segment.Rung == rung)];

    public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification
    {
        _published.Enqueue((notification!, DateTimeOffset.UtcNow));
        return ValueTask.CompletedTask;
    }

    public ValueTask Publish(object notification, CancellationToken cancellationToken = default)
    {
        _published.Enqueue((notification, DateTimeOffset.UtcNow));
        return ValueTask.CompletedTask;
    }
}
