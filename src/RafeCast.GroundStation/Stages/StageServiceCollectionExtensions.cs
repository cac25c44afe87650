using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Configuration.Internal;
using RafeCast.GroundStation.Hosting;
using RafeCast.GroundStation.Stages.Internal;
using RafeCast.GroundStation.Viewer;
using RafeCast.GroundStation.Viewer.Internal;
using RafeCast.Geo;
using RafeCast.Mavlink;
using RafeCast.Storage;
using RafeCast.Storage.Outbox;
using RafeCast.Video;
using RafeCast.Video.Streams;

namespace RafeCast.GroundStation.Stages;

/// <summary>Wires every stage into the station: the ground station as one product.</summary>
public static class StageServiceCollectionExtensions
{
    /// <summary>
    /// Adds the stages after <c>AddRafeCastStation</c> (which <see cref="StationHost.CreateBuilder"/> calls):
    /// <list type="bullet">
    /// <item>sources — MAVLink links (<c>RafeCast:Mavlink</c>, the pilots' port <c>RafeCast:Station:Mavlink</c>), the configured video streams (<c>RafeCast:Video</c>)
    /// and the cameras discovered from vehicles (<c>RafeCast:Station:Video</c>);</item>
    /// <item>processing — flights (<c>RafeCast:Station:Flights</c>) and dome tagging (<c>RafeCast:Geo</c>);</item>
    /// <item>sinks — the durable outbox and the publisher (<c>RafeCast:Storage</c>, <c>RafeCast:Station:Publishing</c>).</item>
    /// </list>
    /// The viewer then plays live HLS from storage with a read-only SAS and draws the geo stage's domes; the
    /// stages' counters appear in <c>/metrics</c>. Data lives under <c>RafeCast:Station:DataDirectory</c> unless a
    /// stage's own directory is configured.
    /// </summary>
    public static IServiceCollection AddRafeCastStages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRafeCastOptions<MavlinkOptions, MavlinkOptionsValidator>(configuration, MavlinkOptions.Section);
        services.AddRafeCastOptions<StationMavlinkOptions, StationMavlinkOptionsValidator>(configuration);
        services.AddRafeCastOptions<FlightOptions, FlightOptionsValidator>(configuration);
        services.AddRafeCastOptions<StationVideoOptions, StationVideoOptionsValidator>(configuration);
        services.AddRafeCastOptions<PublishingOptions, PublishingOptionsValidator>(configuration);

        // Every stage's data under the station's data directory, unless configured otherwise.
        var dataDirectory = Path.GetFullPath(configuration[$"{StationOptions.SectionPath}:{nameof(StationOptions.DataDirectory)}"] is { Length: > 0 } configured
            ? configured
            : StationOptions.DefaultDataDirectory);
        var spool = configuration[$"{VideoOptions.SectionName}:{nameof(VideoOptions.SpoolDirectory)}"] ?? Path.Combine(dataDirectory, "spool", "video");
        services.AddOptions<VideoOptions>().PostConfigure(video => video.SpoolDirectory = spool);
        services.AddOptions<StorageOptions>().PostConfigure(storage => storage.DataDirectory ??= dataDirectory);
        // Without storage the viewer falls back to the station's own HLS: the video spool (one folder per stream).
        services.AddOptions<ViewerOptions>().PostConfigure(viewer => viewer.LocalHlsDirectory ??= spool);
        services.AddOptions<GeoOptions>()
            .Bind(configuration.GetSection(GeoOptions.SectionName))
            // The viewer's dome file (--domes) is the registry to tag with when no geo registry is configured.
            .PostConfigure(geo => geo.DomeRegistryPath ??= configuration[$"{ViewerOptions.SectionPath}:{nameof(ViewerOptions.DomesFile)}"]);

        // Sinks: the outbox and the publisher first, so nothing a source captures has nowhere to go.
        services.TryAddSingleton<IPublishPlaylistSource, StationPlaylistSource>();
        services.TryAddSingleton<PublisherStage>();
        services.AddAsStages("storage", StationStagePhase.Sinks, s => s.AddRafeCastStorage(configuration),
            (provider, hosted) => hosted is OutboxUploader ? provider.GetRequiredService<PublisherStage>() : null);

        // Processing: flights and tagging.
        services.AddGeoTagging();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GeoOptions>, GeoRegistryFileValidator>());
        services.TryAddSingleton<FlightArchive>();
        services.TryAddSingleton<FlightArchiver>();
        services.TryAddSingleton(provider => new FlightTelemetryRecorder(
            Path.Combine(provider.GetRequiredService<IOptions<StationOptions>>().Value.DataDirectory, "flights"),
            provider.GetRequiredService<ILogger<FlightTelemetryRecorder>>()));
        services.AddStationStage<FlightsStage>();

        // Sources: MAVLink, configured video, discovered video.
        services.TryAddSingleton<LinkStatistics>();
        services.AddStationStage<MavlinkLinksStage>();
        services.AddAsStages("video", StationStagePhase.Sources, s => s.AddRafeCastVideo(configuration));
        services.TryAddSingleton<VideoStreamRegistry>();
        services.AddStationStage<VideoDiscoveryStage>();

        // The notifications drive the stages; the viewer uses storage and the geo registry.
        services.Replace(ServiceDescriptor.Singleton<IStageWiring, StageWiring>());
        services.TryAddSingleton<LocalHlsUrlProvider>();
        services.Replace(ServiceDescriptor.Singleton<ILiveStreamUrlProvider, StorageLiveStreamUrlProvider>());
        services.Replace(ServiceDescriptor.Singleton<IDomeMapSource, GeoDomeMapSource>());
        services.AddHealthChecks().AddCheck<PipelineHealthCheck>("pipeline");
        services.TryAddSingleton<StageMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StageMetricsActivation>());
        return services;
    }

    /// <summary>Creates the stages' instruments when the host starts, so <c>/metrics</c> has them from the first scrape.</summary>
    private sealed class StageMetricsActivation(StageMetrics metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = metrics;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
