using Mediator;
using RafeCast.Pipeline.Events;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>Hands the pipeline's notifications to the wired stages (<see cref="IStageWiring"/>).</summary>
internal sealed class StageWiringHandler(IStageWiring wiring) :
    INotificationHandler<VehicleConnected>,
    INotificationHandler<VehicleLinkLost>,
    INotificationHandler<VehicleStateChanged>,
    INotificationHandler<TelemetryReceived>,
    INotificationHandler<SegmentClosed>,
    INotificationHandler<SegmentTagged>
{
    public ValueTask Handle(VehicleConnected notification, CancellationToken cancellationToken) => wiring.OnVehicleConnectedAsync(notification, cancellationToken);

    public ValueTask Handle(VehicleLinkLost notification, CancellationToken cancellationToken) => wiring.OnVehicleLinkLostAsync(notification, cancellationToken);

    public ValueTask Handle(VehicleStateChanged notification, CancellationToken cancellationToken) => wiring.OnVehicleStateChangedAsync(notification, cancellationToken);

    public ValueTask Handle(TelemetryReceived notification, CancellationToken cancellationToken) => wiring.OnTelemetryAsync(notification, cancellationToken);

    public ValueTask Handle(SegmentClosed notification, CancellationToken cancellationToken) => wiring.OnSegmentClosedAsync(notification, cancellationToken);

    public ValueTask Handle(SegmentTagged notification, CancellationToken cancellationToken) => wiring.OnSegmentTaggedAsync(notification, cancellationToken);
}
