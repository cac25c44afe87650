using Microsoft.Extensions.Logging;
using RafeCast.Core.Logging;

namespace RafeCast.Pipeline;

/// <summary>The pipeline's log messages (event ids from <see cref="LogEventIds.Pipeline"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.Pipeline + 1, Level = LogLevel.Debug, Message = "Handled {Request} in {ElapsedMs:F1} ms")]
    public static partial void RequestHandled(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(EventId = LogEventIds.Pipeline + 2, Level = LogLevel.Warning, Message = "{Request} failed after {ElapsedMs:F1} ms")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string request, double elapsedMs);

    [LoggerMessage(EventId = LogEventIds.Pipeline + 3, Level = LogLevel.Error, Message = "A handler of {Notification} failed; the other handlers still ran")]
    public static partial void NotificationHandlerFailed(ILogger logger, Exception exception, string notification);

    [LoggerMessage(EventId = LogEventIds.Pipeline + 4, Level = LogLevel.Trace, Message = "Published {Notification} to {Handlers} handler(s)")]
    public static partial void NotificationPublished(ILogger logger, string notification, int handlers);
}
