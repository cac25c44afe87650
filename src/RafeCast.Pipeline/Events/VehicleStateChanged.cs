using Mediator;
using RafeCast.Core.Vehicles;

namespace RafeCast.Pipeline.Events;

/// <summary>
/// A vehicle's armed state or flight mode changed, or the vehicle was first heard (then the previous values are
/// null). The ground station starts a flight on arming and ends it on disarming.
/// </summary>
/// <param name="Vehicle">Who.</param>
/// <param name="AtUtc">When the heartbeat showing the change arrived.</param>
/// <param name="Armed">Whether the motors are armed now.</param>
/// <param name="FlightMode">The flight mode's name now (e.g. "GUIDED", "AUTO.MISSION"), or the raw number for a mode without a name.</param>
/// <param name="WasArmed">The armed state before, null when the vehicle was just discovered.</param>
/// <param name="PreviousFlightMode">The flight mode before, null when the vehicle was just discovered.</param>
public sealed record VehicleStateChanged(VehicleId Vehicle, DateTimeOffset AtUtc, bool Armed, string FlightMode, bool? WasArmed, string? PreviousFlightMode) : INotification
{
    /// <summary>True when this change armed the vehicle (including discovering it armed).</summary>
    public bool BecameArmed => Armed && WasArmed != true;

    /// <summary>True when this change disarmed the vehicle.</summary>
    public bool BecameDisarmed => !Armed && WasArmed == true;
}
