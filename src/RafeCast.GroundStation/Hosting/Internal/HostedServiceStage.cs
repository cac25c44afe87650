using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RafeCast.GroundStation.Hosting.Internal;

/// <summary>A stage's hosted service, started and stopped by the stage host in its phase.</summary>
internal sealed class HostedServiceStage(IHostedService service, string name, StationStagePhase phase, ILogger<HostedServiceStage> logger) : IStationStage
{
    public string Name => name;

    public StationStagePhase Phase => phase;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.StartAsync(cancellationToken).ConfigureAwait(false);
        // The generic host watches only the background services it runs itself; this one it never sees, so a fault would be silent.
        if (service is BackgroundService { ExecuteTask: { } running })
        {
            _ = running.ContinueWith(
                faulted => Log.StageFaulted(logger, faulted.Exception!.InnerExceptions.Count == 1 ? faulted.Exception.InnerException! : faulted.Exception, name),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => service.StopAsync(cancellationToken);
}
