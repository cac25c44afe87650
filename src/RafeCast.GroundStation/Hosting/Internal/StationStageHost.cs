using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RafeCast.GroundStation.Hosting.Internal;

/// <summary>
/// Starts the registered <see cref="IStationStage"/>s sinks first and sources last, and stops them
/// sources first and sinks last, so data in flight drains downstream. A stage that fails to start (or a start
/// cancelled by Ctrl-C) stops the ones already started and fails the host; one that fails to stop is logged and
/// the rest still stop.
/// </summary>
internal sealed class StationStageHost(IEnumerable<IStationStage> stages, ILogger<StationStageHost> logger) : IHostedService
{
    private readonly IStationStage[] _stages = [.. stages];
    private readonly List<IStationStage> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // OrderBy is stable: within a phase, registration order.
        foreach (var stage in _stages.OrderBy(s => s.Phase))
        {
            var started = Stopwatch.GetTimestamp();
            Log.StageStarting(logger, stage.Name, stage.Phase);
            try
            {
                await stage.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Ctrl-C during start is not a failure to report, but the stages already running still stop in order
                // (the host only disposes a service whose start did not complete).
                if (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Log.StageStartFailed(logger, ex, stage.Name);
                }
                await StopStartedAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            lock (_started)
            {
                _started.Add(stage);
            }
            Log.StageStarted(logger, stage.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopStartedAsync(cancellationToken);

    private async Task StopStartedAsync(CancellationToken cancellationToken)
    {
        IStationStage[] started;
        lock (_started)
        {
            started = [.. _started];
            _started.Clear();
        }
        foreach (var phase in started.GroupBy(s => s.Phase).OrderByDescending(g => g.Key))
        {
            await Task.WhenAll(phase.Select(stage => StopOneAsync(stage, cancellationToken))).ConfigureAwait(false);
        }
    }

    private async Task StopOneAsync(IStationStage stage, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Log.StageStopping(logger, stage.Name, stage.Phase);
        try
        {
            await stage.StopAsync(cancellationToken).ConfigureAwait(false);
            Log.StageStopped(logger, stage.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex)
        {
            // The others still get their chance to flush.
            Log.StageStopFailed(logger, ex, stage.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
