using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
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
}
