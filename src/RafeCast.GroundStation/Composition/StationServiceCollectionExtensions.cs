using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Configuration.Internal;
using RafeCast.GroundStation.Health;
using RafeCast.GroundStation.Hosting.Internal;
using RafeCast.GroundStation.Live;
using RafeCast.GroundStation.Observability;
using RafeCast.GroundStation.Viewer;
using RafeCast.GroundStation.Viewer.Internal;

namespace RafeCast.GroundStation.Composition;

/// <summary>The ground station's services: options, the mediator pipeline, the live model, metrics, health and the viewer.</summary>
public static class StationServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything the station needs that does not depend on a stage. Stages add theirs after
    /// this call: options with <c>AddRafeCastOptions&lt;TOptions, TValidator&gt;</c>,
    /// long-running parts with <c>AddStationStage</c>,
    /// health checks with <c>AddHealthChecks().AddCheck&lt;T&gt;(name)</c>, meters named <c>RafeCast.&lt;Stage&gt;</c>,
    /// and the viewer's <see cref="ILiveStreamUrlProvider"/> / <see cref="IDomeMapSource"/> (registering one
    /// replaces the station's fallback).
    /// </summary>
    public static IServiceCollection AddRafeCastStation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddRafeCastOptions<StationOptions, StationOptionsValidator>(configuration);
        services.AddRafeCastOptions<StationHttpOptions, StationHttpOptionsValidator>(configuration);
        services.AddRafeCastOptions<LiveModelOptions, LiveModelOptionsValidator>(configuration);
        services.AddRafeCastOptions<ViewerOptions, ViewerOptionsValidator>(configuration);

        // Stages stop one phase after another; the total must leave time to flush (see StationOptions.ShutdownTimeout).
        // Both are read while the host is built, before validation runs at start: see UnvalidatedOptions.
        services.AddOptions<HostOptions>().Configure<IServiceProvider>((host, provider) =>
        {
            var station = UnvalidatedOptions.Create<StationOptions>(provider);
            if (station.ShutdownTimeout > TimeSpan.Zero)
            {
                host.ShutdownTimeout = station.ShutdownTimeout;
            }
            host.ServicesStartConcurrently = false;
            host.ServicesStopConcurrently = false;
        });
        services.AddOptions<KestrelServerOptions>().Configure<IServiceProvider>((kestrel, provider) =>
        {
            // An invalid address is reported by StationHttpOptionsValidator when the host starts.
            if (StationHttpOptions.TryParseListen(UnvalidatedOptions.Create<StationHttpOptions>(provider).Listen, out var endPoint))
            {
                kestrel.Listen(endPoint);
            }
            kestrel.AddServerHeader = false;
        });

        services.AddRafeCastPipeline();
        services.TryAddSingleton(provider => new PrometheusExporter(
            provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            provider.GetRequiredService<StationMetrics>()));

        services.TryAddSingleton<ViewerAssets>();
        services.TryAddSingleton<HlsJsAsset>();
        services.TryAddSingleton<LocalHlsDirectory>();
        services.TryAddSingleton<ILiveStreamUrlProvider, LocalHlsUrlProvider>();
        services.TryAddSingleton<IDomeMapSource, FileDomeMapSource>();

        services.AddHealthChecks()
            .AddCheck<StationHealthCheck>("station")
            .AddCheck<ViewerHealthCheck>("viewer");

        // Runs first among the hosted services: the stage host starts stages after it.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StationLifetimeLogger>());
        return services;
    }
}
