using System.Collections.Concurrent;
using Mediator;

namespace RafeCast.Storage.Tests.Infrastructure;

/// <summary>An <see cref="IPublisher"/> that keeps what was published.</summary>
public sealed class CollectingPublisher : IPublisher
{
    public ConcurrentQueue<object> Published { get; } = new();

    public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification
    {
        Published.Enqueue(notification!);
        return ValueTask.CompletedTask;
    }

    public ValueTask Publish(object notification, CancellationToken cancellationToken = default)
    {
        Published.Enqueue(notification);
        return ValueTask.CompletedTask;
    }
}
