using Microsoft.Extensions.Hosting;

namespace RafeCast.GroundStation.Hosting.Internal;

/// <summary>A stage's hosted service, started and stopped by the stage host in its phase.</summary>
internal sealed class HostedServiceStage(IHostedService service, string name, StationStagePhase phase) : IStationStage
{
    public string Name => name;

    public StationStagePhase Phase => phase;

    public Task StartAsync(CancellationToken cancellationToken) => service.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => service.StopAsync(cancellationToken);
}
