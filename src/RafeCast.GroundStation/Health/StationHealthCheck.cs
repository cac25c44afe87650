using Microsoft.Extensions.Diagnostics.HealthChecks;
using RafeCast.GroundStation.Live;

namespace RafeCast.GroundStation.Health;

/// <summary>The station itself: up, with how many vehicles, streams and viewers it has now.</summary>
internal sealed class StationHealthCheck(LiveStationModel model, LiveFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["vehiclesConnected"] = model.ConnectedVehicles,
            ["liveStreams"] = model.LiveStreams,
            ["viewerConnections"] = feed.Subscribers,
            ["viewerUpdatesDropped"] = feed.Dropped,
        };
        return Task.FromResult(HealthCheckResult.Healthy("The station is running.", data));
    }
}
