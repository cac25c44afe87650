using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Simulator.Vehicles;

/// <summary>
/// The true state of a simulated vehicle at one instant (what the autopilot believes, without GPS noise).
/// Angles in degrees, speeds in m/s, altitudes in metres.
/// </summary>
/// <param name="SystemId">MAVLink system id (1..N).</param>
/// <param name="TimeUtc">Simulation time of the snapshot (the injected clock), UTC.</param>
/// <param name="SinceBoot">Time since the simulator started (time_boot_ms).</param>
/// <param name="Position">Position; AMSL and relative-to-home altitudes.</param>
/// <param name="Home">Home position (relative altitude 0).</param>
/// <param name="GroundSpeed">Horizontal speed over ground.</param>
/// <param name="ClimbRate">Vertical speed, up positive.</param>
/// <param name="HeadingDegrees">Heading (yaw) in degrees [0, 360).</param>
/// <param name="RollDegrees">Roll, right wing down positive.</param>
/// <param name="PitchDegrees">Pitch, nose up positive.</param>
/// <param name="Armed">Motors armed.</param>
/// <param name="Mode">Flight mode.</param>
/// <param name="LandedState">On ground, taking off, in air or landing.</param>
/// <param name="BatteryVoltage">Battery voltage in volts.</param>
/// <param name="BatteryRemainingPercent">Remaining capacity, 0..100.</param>
/// <param name="BatteryConsumedMah">Charge used since start in mAh.</param>
/// <param name="MissionCount">Mission items after home (sequence 1..count).</param>
/// <param name="MissionCurrent">Current mission sequence number (0 when there is no mission).</param>
/// <param name="Target">Where the vehicle is heading, when it is navigating to a point.</param>
/// <param name="LastStatusText">The last STATUSTEXT it sent.</param>
/// <param name="VideoStreaming">True while the synthetic camera runs.</param>
public sealed record VehicleSnapshot(
    byte SystemId,
    DateTimeOffset TimeUtc,
    TimeSpan SinceBoot,
    GeoPosition Position,
    GeoPosition Home,
    double GroundSpeed,
    double ClimbRate,
    double HeadingDegrees,
    double RollDegrees,
    double PitchDegrees,
    bool Armed,
    CopterMode Mode,
    MavLandedState LandedState,
    double BatteryVoltage,
    double BatteryRemainingPercent,
    double BatteryConsumedMah,
    int MissionCount,
    int MissionCurrent,
    GeoPosition? Target,
    string? LastStatusText,
    bool VideoStreaming)
{
    /// <summary>True unless the vehicle stands on the ground.</summary>
    public bool IsFlying => LandedState is MavLandedState.InAir or MavLandedState.Takeoff or MavLandedState.Landing;
}
