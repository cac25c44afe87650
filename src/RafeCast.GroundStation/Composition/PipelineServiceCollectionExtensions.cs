using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RafeCast.Pipeline.Behaviors;

namespace RafeCast.GroundStation.Composition;

/// <summary>The composition root's wiring of the mediator: the only place the source generator runs.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the generated mediator (singleton handlers), the isolating notification publisher and
    /// the logging/metrics behavior for requests.
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
        return services;
    }
}
