using RafeCast.Core.Vehicles;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Mavlink.Vehicles;

/// <summary>
/// What a microservice client needs from a vehicle: who it is, who we are, a way to send, and a way to wait
/// for its answers. <see cref="Vehicle"/> implements it over the link the vehicle was last heard on.
/// </summary>
public interface IVehicleChannel
{
    /// <summary>The vehicle (system id, component id).</summary>
    VehicleId Target { get; }

    /// <summary>Our own ids as the vehicle sees them (the station's).</summary>
    VehicleId Self { get; }

    /// <summary>The vehicle's autopilot family (decides flight mode names).</summary>
    MavAutopilot Autopilot { get; }

    TimeProvider Time { get; }

    /// <summary>Sends <paramref name="message"/> to the vehicle.</summary>
    ValueTask SendAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : struct, IMavlinkMessage<TMessage>;

    /// <summary>
    /// Starts collecting the vehicle's <typeparamref name="TMessage"/>s that pass <paramref name="match"/>. Subscribe
    /// before sending the request the answer is for, so a fast answer is not missed; dispose when done.
    /// </summary>
    MessageSubscription<TMessage> Subscribe<TMessage>(Func<TMessage, bool>? match = null)
        where TMessage : struct, IMavlinkMessage<TMessage>;
}
