using Microsoft.Extensions.Diagnostics.HealthChecks;
using RafeCast.Storage.Outbox;
using RafeCast.Video.Streams;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// The wired stages at a glance for <c>/healthz</c>: links, vehicles, each stream's state, the outbox's backlog.
/// Degraded (the station still captures) when a stream keeps failing or the outbox holds more than
/// <see cref="BacklogDegraded"/> jobs (storage unreachable or too slow).
/// </summary>
internal sealed class PipelineHealthCheck(MavlinkLinksStage mavlink, VideoStreamRegistry streams, DurableOutbox outbox) : IHealthCheck
{
    /// <summary>Jobs waiting in the outbox beyond which publishing counts as behind (a few minutes of two streams).</summary>
    public const int BacklogDegraded = 500;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["links"] = mavlink.Station.Links.Count,
            ["vehiclesHeard"] = mavlink.Station.Vehicles.Count(v => !v.State.LinkLost),
            ["outboxDepth"] = outbox.PendingCount,
        };
        var failing = new List<string>();
        foreach (var stream in streams.All)
        {
            var status = stream.Status;
            data[$"stream:{stream.Id}"] = status.State.ToString();
            if (status.State == VideoStreamState.Failing)
            {
                failing.Add($"{stream.Id} ({status.LastError})");
            }
        }
        if (failing.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Video keeps failing: {string.Join("; ", failing)}.", data: data));
        }
        if (outbox.PendingCount > BacklogDegraded)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{outbox.PendingCount} jobs wait in the outbox: storage is unreachable or slower than capture (nothing is lost).", data: data));
        }
        return Task.FromResult(HealthCheckResult.Healthy("Links, video and publishing are running.", data));
    }
}
