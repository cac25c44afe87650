using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Live;
using RafeCast.GroundStation.Observability;
using RafeCast.GroundStation.Stages.Internal;
using RafeCast.Pipeline.Behaviors;

namespace RafeCast.GroundStation.Composition;

/// <summary>The composition root's wiring of the mediator: the only place the source generator runs.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the generated mediator (singleton handlers), the isolating notification publisher and
    /// the logging/metrics behavior for requests, and what the station's own handlers need (the live
    /// model and the station's metrics), so publishing works wherever the mediator is used.
    /// </summary>
    public static IServiceCollection AddRafeCastPipeline(this IServiceCollection services)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.Namespace = "RafeCast.GroundStation.Mediator";
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.NotificationPublisherType = typeof(IsolatingNotificationPublisher);
            options.PipelineBehaviors = [typeof(MessageLoggingBehavior<,>)];
        });

        // The generator registers every handler in the solution; the station's handlers depend on these.
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions<StationOptions>();
        services.AddOptions<LiveModelOptions>();
        services.TryAddSingleton<LiveFeed>();
        services.TryAddSingleton<LiveStationModel>();
        services.TryAddSingleton<StationMetrics>();
        // Replaced by AddRafeCastStages; without the stages the notifications feed the live model and metrics only.
        services.TryAddSingleton<IStageWiring, NoStageWiring>();
        return services;
    }
}
