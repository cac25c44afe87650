using Mediator;
using RafeCast.Pipeline.Events;

namespace RafeCast.GroundStation.Live.Internal;

/// <summary>Feeds the pipeline's notifications into the <see cref="LiveStationModel"/>. Never waits on viewers.</summary>
internal sealed class LiveModelHandler(LiveStationModel model) :
    INotificationHandler<VehicleConnected>,
    INotificationHandler<VehicleLinkLost>,
    INotificationHandler<TelemetryReceived>,
    INotificationHandler<DomeCrossed>,
    INotificationHandler<SegmentClosed>,
    INotificationHandler<SegmentTagged>,
    INotificationHandler<SegmentPublished>,
    INotificationHandler<StreamGap>
{
    public ValueTask Handle(VehicleConnected notification, CancellationToken cancellationToken) => Apply(model.Apply, notification);

    public ValueTask Handle(VehicleLinkLost notification, CancellationToken cancellationToken) => Apply(model.Apply, notification);

    public ValueTask Handle(TelemetryReceived notification, CancellationToken cancellationToken) => Apply(model.Apply, notification);

    public ValueTask Handle(DomeCrossed notification, CancellationToken cancellationToken) => Apply(model.Apply, notification);

    public ValueTask Handle(SegmentClosed notification, CancellationToken cancellationToken) => Apply(model.Apply, notification);

    public ValueTask Handle(SegmentTagged notification, CancellationToken cancellationToken) => Apply(model.Apply, notification);

    public ValueTask Handle(SegmentPublished notification, CancellationToken cancellationToken) => Apply(model.Apply, notification);

    public ValueTask Handle(StreamGap notification, CancellationToken cancellationToken) => Apply(model.Apply, notification);

    private static ValueTask Apply<T>(Action<T> apply, T notification)
    {
        apply(notification);
        return ValueTask.CompletedTask;
    }
}
