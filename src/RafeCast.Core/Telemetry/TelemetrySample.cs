using RafeCast.Core.Geodesy;
using RafeCast.Core.Vehicles;

namespace RafeCast.Core.Telemetry;

/// <summary>
/// One position fix of a vehicle, as the ground station received it.
/// </summary>
/// <param name="TimeUtc">When the fix was valid, UTC (the vehicle's clock mapped to ours when known, else arrival time).</param>
/// <param name="Vehicle">The vehicle the fix belongs to.</param>
/// <param name="Position">WGS-84 position; altitudes in metres.</param>
/// <param name="Attitude">Attitude at that time, when known.</param>
/// <param name="HeadingDegrees">Heading over ground in degrees [0, 360), when known.</param>
/// <param name="GroundSpeedMetresPerSecond">Horizontal speed in m/s, when known.</param>
/// <param name="Source">Where the sample came from: the link's connection string or a file path.</param>
public readonly record struct TelemetrySample(
    DateTimeOffset TimeUtc,
    VehicleId Vehicle,
    GeoPosition Position,
    Attitude? Attitude,
    double? HeadingDegrees,
    double? GroundSpeedMetresPerSecond,
    string Source);
