using RafeCast.Mavlink.Messages;

namespace RafeCast.Simulator.Plans;

/// <summary>
/// One mission item as MISSION_ITEM_INT carries it (https://mavlink.io/en/services/mission.html): a
/// MAV_CMD with its seven parameters. For global frames <see cref="X"/> and <see cref="Y"/> are latitude and
/// longitude in 1e-7 degrees and <see cref="Z"/> is the altitude in metres in <see cref="Frame"/>
/// (relative to home for <see cref="MavFrame.GlobalRelativeAlt"/>, above mean sea level for
/// <see cref="MavFrame.Global"/>); for other items they are the raw params 5 to 7.
/// </summary>
public sealed record MissionItem(
    MavCmd Command,
    MavFrame Frame,
    float Param1,
    float Param2,
    float Param3,
    float Param4,
    int X,
    int Y,
    float Z,
    bool Autocontinue = true)
{
    /// <summary>MAV_CMD_DO_JUMP (in ArduPilot's and MAVLink's common set; not generated in RafeCast's dialect).</summary>
    public const MavCmd DoJump = (MavCmd)177;

    /// <summary>MAV_CMD_NAV_LOITER_TIME.</summary>
    public const MavCmd NavLoiterTime = (MavCmd)19;

    /// <summary>Latitude in degrees (for global frames).</summary>
    public double Latitude => X / 1e7;

    /// <summary>Longitude in degrees (for global frames).</summary>
    public double Longitude => Y / 1e7;

    /// <summary>True for commands that move the vehicle (NAV commands, ids below 95 in the MAV_CMD numbering).</summary>
    public bool IsNavigation => (ushort)Command < 95;

    /// <summary>True when the item carries a position (global frame and a non-zero latitude or longitude).</summary>
    public bool HasPosition => IsGlobalFrame(Frame) && (X != 0 || Y != 0);

    /// <summary>A waypoint at <paramref name="latitude"/>, <paramref name="longitude"/> (degrees) and <paramref name="altitudeRelative"/> metres above home.</summary>
    public static MissionItem Waypoint(double latitude, double longitude, double altitudeRelative, float holdSeconds = 0) =>
        new(MavCmd.NavWaypoint, MavFrame.GlobalRelativeAlt, holdSeconds, 0, 0, float.NaN, ToE7(latitude), ToE7(longitude), (float)altitudeRelative);

    /// <summary>A take-off to <paramref name="altitudeRelative"/> metres above home, where the vehicle stands.</summary>
    public static MissionItem Takeoff(double altitudeRelative) =>
        new(MavCmd.NavTakeoff, MavFrame.GlobalRelativeAlt, 0, 0, 0, float.NaN, 0, 0, (float)altitudeRelative);

    /// <summary>A jump back to item <paramref name="sequence"/>, <paramref name="repeat"/> times (-1: for ever).</summary>
    public static MissionItem Jump(int sequence, int repeat) =>
        new(DoJump, MavFrame.Mission, sequence, repeat, 0, 0, 0, 0, 0);

    /// <summary>Return to launch (and land there).</summary>
    public static MissionItem ReturnToLaunch() =>
        new(MavCmd.NavReturnToLaunch, MavFrame.Mission, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Land at <paramref name="latitude"/>, <paramref name="longitude"/> (0, 0: where the vehicle is).</summary>
    public static MissionItem Land(double latitude = 0, double longitude = 0) =>
        new(MavCmd.NavLand, MavFrame.GlobalRelativeAlt, 0, 0, 0, float.NaN, ToE7(latitude), ToE7(longitude), 0);

    internal static int ToE7(double degrees) => (int)Math.Round(degrees * 1e7);

    internal static bool IsGlobalFrame(MavFrame frame) => frame is MavFrame.Global or MavFrame.GlobalInt
        or MavFrame.GlobalRelativeAlt or MavFrame.GlobalRelativeAltInt or MavFrame.GlobalTerrainAlt or MavFrame.GlobalTerrainAltInt;
}
