using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace RafeCast.Pipeline.Behaviors;

/// <summary>
/// Wraps every request ("do this": arm, upload a mission, search the archive) with a log line and a
/// duration measurement. Caller cancellation is not a failure and is not logged as one.
/// </summary>
public sealed class MessageLoggingBehavior<TMessage, TResponse>(ILogger<MessageLoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string RequestName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            PipelineMetrics.RequestDuration.Record(elapsed, new KeyValuePair<string, object?>("request", RequestName), new KeyValuePair<string, object?>("outcome", "ok"));
            Log.RequestHandled(logger, RequestName, elapsed);
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            PipelineMetrics.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("request", RequestName), new KeyValuePair<string, object?>("outcome", "cancelled"));
            throw;
        }
        catch (Exception ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            PipelineMetrics.RequestDuration.Record(elapsed, new KeyValuePair<string, object?>("request", RequestName), new KeyValuePair<string, object?>("outcome", "failed"));
            Log.RequestFailed(logger, ex, RequestName, elapsed);
            throw;
        }
    }
}
