using RafeCast.Pipeline.Events;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// What the station does with the pipeline's notifications once its stages are wired
/// (<see cref="StageServiceCollectionExtensions.AddRafeCastStages"/>). The mediator's generator registers the
/// station's handlers in every host; without the stages this is <see cref="NoStageWiring"/>, so a host that only
/// serves the viewer never needs the stages' services.
/// </summary>
internal interface IStageWiring
{
    ValueTask OnVehicleConnectedAsync(VehicleConnected connected, CancellationToken cancellationToken);

    ValueTask OnVehicleLinkLostAsync(VehicleLinkLost lost, CancellationToken cancellationToken);

    ValueTask OnVehicleStateChangedAsync(VehicleStateChanged changed, CancellationToken cancellationToken);

    ValueTask OnTelemetryAsync(TelemetryReceived telemetry, CancellationToken cancellationToken);

    ValueTask OnSegmentClosedAsync(SegmentClosed closed, CancellationToken cancellationToken);

    ValueTask OnSegmentTaggedAsync(SegmentTagged tagged, CancellationToken cancellationToken);
}

/// <summary>No stages: the notifications only feed the live model and the metrics.</summary>
internal sealed class NoStageWiring : IStageWiring
{
    public ValueTask OnVehicleConnectedAsync(VehicleConnected connected, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnVehicleLinkLostAsync(VehicleLinkLost lost, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnVehicleStateChangedAsync(VehicleStateChanged changed, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnTelemetryAsync(TelemetryReceived telemetry, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnSegmentClosedAsync(SegmentClosed closed, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask OnSegmentTaggedAsync(SegmentTagged tagged, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
