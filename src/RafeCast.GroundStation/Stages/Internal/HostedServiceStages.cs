using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RafeCast.GroundStation.Hosting;
using RafeCast.GroundStation.Hosting.Internal;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Runs a stage library's registration (e.g. <c>AddRafeCastStorage</c>) and turns the hosted services it adds
/// into station stages of one phase, so they start and stop in data-flow order with the rest instead of on
/// their own. A replacement function may hand an instance to a stage of the station's own (the uploader to
/// <see cref="PublisherStage"/>); null keeps it as a plain stage.
/// </summary>
internal static class HostedServiceStages
{
    public static IServiceCollection AddAsStages(
        this IServiceCollection services,
        string name,
        StationStagePhase phase,
        Action<IServiceCollection> register,
        Func<IServiceProvider, IHostedService, IStationStage?>? replace = null)
    {
        var before = services.Count;
        register(services);
        var added = services.Skip(before).Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        foreach (var descriptor in added)
        {
            services.Remove(descriptor);
            services.AddSingleton<IStationStage>(provider =>
            {
                var hosted = Resolve(provider, descriptor);
                return replace?.Invoke(provider, hosted) ?? new HostedServiceStage(hosted, name, phase, provider.GetRequiredService<ILogger<HostedServiceStage>>());
            });
        }
        if (added.Count > 0)
        {
            services.AddStationStageHost();
        }
        return services;
    }

    private static IHostedService Resolve(IServiceProvider provider, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IHostedService instance } => instance,
        { ImplementationFactory: { } factory } => (IHostedService)factory(provider),
        { ImplementationType: { } type } => (IHostedService)ActivatorUtilities.GetServiceOrCreateInstance(provider, type),
        _ => throw new InvalidOperationException($"The hosted service {descriptor} cannot be resolved."),
    };
}
