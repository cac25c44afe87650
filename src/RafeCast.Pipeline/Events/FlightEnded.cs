using Mediator;
using RafeCast.Core.Flights;
using RafeCast.Core.Vehicles;

namespace RafeCast.Pipeline.Events;

/// <summary>Why a flight ended.</summary>
public enum FlightEndReason
{
    /// <summary>The vehicle disarmed.</summary>
    Disarmed,
    /// <summary>Nothing was heard from the vehicle for longer than the flight's link-loss timeout.</summary>
    LinkLost,
    /// <summary>The ground station stopped while the vehicle was still armed.</summary>
    StationStopped,
}

/// <summary>
/// A flight is over and complete: every segment of its window has been tagged and queued, its playlists are
/// ended and its sidecars and telemetry log are queued for the archive.
/// </summary>
/// <param name="Flight">The flight.</param>
/// <param name="Vehicle">Whose flight it was.</param>
/// <param name="StartUtc">When it started, UTC.</param>
/// <param name="EndUtc">When it ended (disarm seen, vehicle last heard, or station stop), UTC.</param>
/// <param name="Reason">Why it ended.</param>
/// <param name="Segments">Segments archived under the flight, all rungs together.</param>
public sealed record FlightEnded(FlightId Flight, VehicleId Vehicle, DateTimeOffset StartUtc, DateTimeOffset EndUtc, FlightEndReason Reason, long Segments) : INotification;
