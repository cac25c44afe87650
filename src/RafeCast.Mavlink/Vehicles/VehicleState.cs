using RafeCast.Core.Geodesy;
using RafeCast.Core.Vehicles;
using RafeCast.Mavlink.Messages;
using CoreAttitude = RafeCast.Core.Telemetry.Attitude;

namespace RafeCast.Mavlink.Vehicles;

/// <summary>Battery figures from SYS_STATUS / BATTERY_STATUS.</summary>
/// <param name="VoltageVolts">Pack voltage in volts.</param>
/// <param name="CurrentAmps">Current in amperes, null when not measured.</param>
/// <param name="RemainingPercent">Remaining capacity 0-100 %, null when not estimated.</param>
public readonly record struct BatteryState(double VoltageVolts, double? CurrentAmps, int? RemainingPercent);

/// <summary>GNSS receiver state from GPS_RAW_INT.</summary>
/// <param name="FixType">Kind of fix.</param>
/// <param name="SatellitesVisible">Satellites in view, null when unknown.</param>
/// <param name="HorizontalDilution">HDOP (unitless), null when unknown.</param>
public readonly record struct GpsState(GpsFixType FixType, int? SatellitesVisible, double? HorizontalDilution);

/// <summary>
/// What the station knows about one vehicle, as an immutable snapshot (a new one after every update).
/// Positions are WGS-84 degrees and metres; attitude in radians; speeds in m/s; times UTC.
/// </summary>
public sealed record VehicleState
{
    public required VehicleId Id { get; init; }

    /// <summary>The link the vehicle was last heard on (its connection string).</summary>
    public required string Link { get; init; }

    public MavAutopilot Autopilot { get; init; }

    public MavType Type { get; init; }

    public MavModeFlag BaseMode { get; init; }

    /// <summary>The heartbeat's autopilot-specific mode number.</summary>
    public uint CustomMode { get; init; }

    /// <summary>The flight mode's name (see <see cref="FlightModes"/>), or the number when it has none.</summary>
    public string FlightMode { get; init; } = string.Empty;

    public bool Armed => (BaseMode & MavModeFlag.SafetyArmed) != 0;

    public MavState SystemStatus { get; init; }

    public MavLandedState LandedState { get; init; }

    /// <summary>Latest fused position (GLOBAL_POSITION_INT), null before the first.</summary>
    public GeoPosition? Position { get; init; }

    public CoreAttitude? Attitude { get; init; }

    /// <summary>Heading in degrees [0, 360).</summary>
    public double? HeadingDegrees { get; init; }

    /// <summary>Horizontal speed in m/s.</summary>
    public double? GroundSpeedMetresPerSecond { get; init; }

    /// <summary>Climb rate in m/s, positive up.</summary>
    public double? ClimbRateMetresPerSecond { get; init; }

    public BatteryState? Battery { get; init; }

    public GpsState? Gps { get; init; }

    /// <summary>Home position (HOME_POSITION), with its altitude above mean sea level; relative altitude 0.</summary>
    public GeoPosition? Home { get; init; }

    /// <summary>Protocol capabilities from AUTOPILOT_VERSION (0 until it arrives).</summary>
    public MavProtocolCapability Capabilities { get; init; }

    /// <summary>When the vehicle was first heard (or heard again after a link loss).</summary>
    public DateTimeOffset ConnectedUtc { get; init; }

    /// <summary>When any message from it last arrived.</summary>
    public DateTimeOffset LastHeardUtc { get; init; }

    /// <summary>True while nothing has been heard for longer than the link-loss timeout.</summary>
    public bool LinkLost { get; init; }
}
