using Mediator;
using Microsoft.Extensions.Logging;

namespace RafeCast.Pipeline.Behaviors;

/// <summary>
/// Publishes a notification ("something happened") to its handlers one after another, counting it.
/// A handler that throws is logged and counted but does not stop the others: one failing stage must
/// not take the rest of the pipeline down. Caller cancellation still propagates.
/// </summary>
public sealed class IsolatingNotificationPublisher(ILogger<IsolatingNotificationPublisher> logger) : INotificationPublisher
{
    public async ValueTask Publish<TNotification>(
        NotificationHandlers<TNotification> handlers,
        TNotification notification,
        CancellationToken cancellationToken)
        where TNotification : INotification
    {
        var name = typeof(TNotification).Name;
        var tag = new KeyValuePair<string, object?>("notification", name);
        PipelineMetrics.NotificationsPublished.Add(1, tag);
        var count = 0;
        foreach (var handler in handlers)
        {
            count++;
            try
            {
                await handler.Handle(notification, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                PipelineMetrics.HandlerFailures.Add(1, tag);
                Log.NotificationHandlerFailed(logger, ex, name);
            }
        }
        Log.NotificationPublished(logger, name, count);
    }
}
