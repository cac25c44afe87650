using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Vehicles;

namespace RafeCast.Core.Domes;

/// <summary>How a vehicle crossed a dome boundary.</summary>
public enum CrossingDirection
{
    /// <summary>From outside into the dome (below its ceiling).</summary>
    Enter,
    /// <summary>From inside the dome to outside.</summary>
    Exit,
    /// <summary>Across the footprint's edge above the dome's ceiling: over the dome, never inside.</summary>
    Over,
}

/// <summary>
/// The moment a vehicle crossed a dome boundary; time and point are interpolated between the two
/// telemetry samples on either side of the boundary.
/// </summary>
public sealed record DomeCrossing(
    VehicleId Vehicle,
    FlightId? Flight,
    string DomeId,
    CrossingDirection Direction,
    DateTimeOffset TimeUtc,
    GeoPosition Position);
