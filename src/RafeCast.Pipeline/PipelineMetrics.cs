using System.Diagnostics.Metrics;

namespace RafeCast.Pipeline;

/// <summary>
/// Counters every stage's messages pass through. The meter name is what a metrics exporter
/// (the ground station's Prometheus endpoint) listens to.
/// </summary>
public static class PipelineMetrics
{
    /// <summary>The meter all pipeline instruments belong to.</summary>
    public const string MeterName = "RafeCast.Pipeline";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Notifications published, tagged with the notification type.</summary>
    public static readonly Counter<long> NotificationsPublished =
        Meter.CreateCounter<long>("rafecast.pipeline.notifications", description: "Notifications published through the mediator");

    /// <summary>Notification handlers that threw, tagged with the notification type.</summary>
    public static readonly Counter<long> HandlerFailures =
        Meter.CreateCounter<long>("rafecast.pipeline.handler_failures", description: "Notification handlers that failed");

    /// <summary>Request handling time in milliseconds, tagged with the request type and outcome.</summary>
    public static readonly Histogram<double> RequestDuration =
        Meter.CreateHistogram<double>("rafecast.pipeline.request_duration", unit: "ms", description: "Time to handle a request");
}
