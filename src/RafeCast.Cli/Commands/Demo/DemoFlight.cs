using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Plans;

namespace RafeCast.Cli.Commands.Demo;

/// <summary>
/// What the demo's drones fly: a straight west-east pass over the demo city (src/RafeCast.Geo/Samples), back and
/// forth at 30 m and 12 m/s, starting 30 m short of Stromlo East: in the first minute each drone enters and leaves
/// Stromlo East and enters the CMAC Hangar dome (below its 40 m ceiling). The simulator puts each further drone
/// 20 m to the right of the first leg, so they fly side by side.
/// </summary>
internal static class DemoFlight
{
    /// <summary>Where the pass starts (and the drones take off), degrees.</summary>
    public static readonly GeoPoint From = new(-35.362360, 149.155000);

    /// <summary>Where the pass turns back (past Duffy Market and Market Annex), degrees.</summary>
    public static readonly GeoPoint To = new(-35.362360, 149.179534);

    /// <summary>Cruise altitude above home, metres.</summary>
    public const double AltitudeMetres = 30;

    /// <summary>Cruise ground speed, metres per second.</summary>
    public const double SpeedMetresPerSecond = 12;

    /// <summary>The mission: take off, set the speed, fly to <see cref="To"/> and back to <see cref="From"/> for ever.</summary>
    public static FlightPlan Plan() => new(
        [
            MissionItem.Takeoff(AltitudeMetres),                                                   // 1
            new MissionItem(MavCmd.DoChangeSpeed, MavFrame.Mission, 1, (float)SpeedMetresPerSecond, -1, 0, 0, 0, 0), // 2: ground speed
            MissionItem.Waypoint(To.Latitude, To.Longitude, AltitudeMetres),                      // 3
            MissionItem.Waypoint(From.Latitude, From.Longitude, AltitudeMetres),                  // 4
            MissionItem.Jump(3, -1),                                                              // 5: back to the leg out
        ],
        new GeoPosition(From.Latitude, From.Longitude, double.NaN, 0),
        $"the demo pass {From} -> {To} at {SpeedMetresPerSecond} m/s");
}
