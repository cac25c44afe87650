using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Observability;
using RafeCast.GroundStation.Viewer.Internal;

namespace RafeCast.GroundStation.Hosting.Internal;

/// <summary>
/// Says where the station listens once it does, warns early about a viewer that cannot play video, says
/// how long stages get when it stops, and makes the metrics exporter listen from the start.
/// </summary>
internal sealed class StationLifetimeLogger(
    IHostApplicationLifetime lifetime,
    IServer server,
    HlsJsAsset hlsJs,
    LocalHlsDirectory localHls,
    PrometheusExporter exporter,
    IOptions<StationOptions> station,
    ILogger<StationLifetimeLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = exporter;
        if (hlsJs.Problem is { } problem)
        {
            Log.HlsJsMissing(logger, problem);
        }
        else
        {
            Log.HlsJsFound(logger, hlsJs.Path!);
        }
        Log.LocalHlsDirectory(logger, localHls.Root);
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                Log.Listening(logger, address);
            }
        });
        lifetime.ApplicationStopping.Register(() => Log.Stopping(logger, station.Value.ShutdownTimeout.TotalSeconds));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
