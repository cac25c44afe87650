using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RafeCast.GroundStation.Hosting.Internal;

namespace RafeCast.GroundStation.Hosting;

/// <summary>Registers stages with the station's stage host.</summary>
public static class StationStageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TStage"/> as a singleton stage: started after the stages of earlier phases,
    /// stopped before them (see <see cref="StationStagePhase"/>). Within a phase, stages start in
    /// registration order and stop together.
    /// </summary>
    public static IServiceCollection AddStationStage<TStage>(this IServiceCollection services)
        where TStage : class, IStationStage
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TStage>();
        services.AddSingleton<IStationStage>(provider => provider.GetRequiredService<TStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StationStageHost>());
        return services;
    }

    /// <summary>
    /// Runs a stage's own hosted service (e.g. a <c>BackgroundService</c> of the video stage, which cannot
    /// implement <see cref="IStationStage"/>) as a stage of <paramref name="phase"/>. Register it only this
    /// way: not also with <c>AddHostedService</c>, or it would be started twice.
    /// </summary>
    /// <param name="services">The station's services.</param>
    /// <param name="name">A short name for logs, e.g. "video".</param>
    /// <param name="phase">Where the stage sits in the data flow.</param>
    public static IServiceCollection AddStationStage<THostedService>(this IServiceCollection services, string name, StationStagePhase phase)
        where THostedService : class, IHostedService
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.TryAddSingleton<THostedService>();
        services.AddSingleton<IStationStage>(provider => new HostedServiceStage(provider.GetRequiredService<THostedService>(), name, phase, provider.GetRequiredService<ILogger<HostedServiceStage>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StationStageHost>());
        return services;
    }

    /// <summary>Makes sure the stage host runs (for stages registered as <see cref="IStationStage"/> factories).</summary>
    internal static IServiceCollection AddStationStageHost(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StationStageHost>());
        return services;
    }
}
