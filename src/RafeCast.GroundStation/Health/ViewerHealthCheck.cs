using Microsoft.Extensions.Diagnostics.HealthChecks;
using RafeCast.GroundStation.Viewer.Internal;

namespace RafeCast.GroundStation.Health;

/// <summary>The viewer page: degraded (the station still captures and publishes) when hls.js is missing.</summary>
internal sealed class ViewerHealthCheck(HlsJsAsset hlsJs, LocalHlsDirectory localHls) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["localHlsDirectory"] = localHls.Root };
        if (hlsJs.Path is { } path)
        {
            data["hlsJs"] = path;
            return Task.FromResult(HealthCheckResult.Healthy("The viewer page is served.", data));
        }
        return Task.FromResult(HealthCheckResult.Degraded($"The viewer page cannot play video: {hlsJs.Problem}", data: data));
    }
}
