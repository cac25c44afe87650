using System.Collections.Frozen;
using System.Globalization;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Mavlink.Vehicles;

/// <summary>A flight mode as the autopilot encodes it: HEARTBEAT custom_mode, and the DO_SET_MODE parameters.</summary>
/// <param name="Name">The mode's name (ArduPilot: "GUIDED"; PX4: "AUTO.MISSION").</param>
/// <param name="CustomMode">The heartbeat's custom_mode value.</param>
/// <param name="MainMode">DO_SET_MODE param2 (ArduPilot: the mode number; PX4: the main mode).</param>
/// <param name="SubMode">DO_SET_MODE param3 (PX4 sub mode; 0 otherwise).</param>
public readonly record struct FlightMode(string Name, uint CustomMode, uint MainMode, uint SubMode);

/// <summary>
/// Flight modes by name for ArduPilot Copter and PX4, both ways. ArduPilot's custom_mode is the mode number;
/// PX4 packs its main mode into bits 16-23 and the sub mode (for AUTO) into bits 24-31.
/// </summary>
public static class FlightModes
{
    private static readonly (string Name, uint Number)[] ArduCopterModes =
    [
        ("STABILIZE", 0), ("ACRO", 1), ("ALT_HOLD", 2), ("AUTO", 3), ("GUIDED", 4), ("LOITER", 5), ("RTL", 6),
        ("CIRCLE", 7), ("LAND", 9), ("DRIFT", 11), ("SPORT", 13), ("FLIP", 14), ("AUTOTUNE", 15), ("POSHOLD", 16),
        ("BRAKE", 17), ("THROW", 18), ("AVOID_ADSB", 19), ("GUIDED_NOGPS", 20), ("SMART_RTL", 21), ("FLOWHOLD", 22),
        ("FOLLOW", 23), ("ZIGZAG", 24), ("SYSTEMID", 25), ("AUTOROTATE", 26), ("AUTO_RTL", 27),
    ];

    private static readonly (string Name, uint Main, uint Sub)[] Px4Modes =
    [
        ("MANUAL", 1, 0), ("ALTCTL", 2, 0), ("POSCTL", 3, 0), ("AUTO.READY", 4, 1), ("AUTO.TAKEOFF", 4, 2),
        ("AUTO.LOITER", 4, 3), ("AUTO.MISSION", 4, 4), ("AUTO.RTL", 4, 5), ("AUTO.LAND", 4, 6),
        ("AUTO.FOLLOW_TARGET", 4, 8), ("AUTO.PRECLAND", 4, 9), ("ACRO", 5, 0), ("OFFBOARD", 6, 0),
        ("STABILIZED", 7, 0), ("RATTITUDE", 8, 0),
    ];

    // The names pilots use for the same PX4 modes in QGroundControl.
    private static readonly FrozenDictionary<string, string> Px4Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["POSITION"] = "POSCTL", ["ALTITUDE"] = "ALTCTL", ["HOLD"] = "AUTO.LOITER", ["LOITER"] = "AUTO.LOITER",
        ["MISSION"] = "AUTO.MISSION", ["AUTO"] = "AUTO.MISSION", ["RETURN"] = "AUTO.RTL", ["RTL"] = "AUTO.RTL",
        ["LAND"] = "AUTO.LAND", ["TAKEOFF"] = "AUTO.TAKEOFF", ["GUIDED"] = "OFFBOARD",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>True for the autopilots whose modes this class knows.</summary>
    public static bool IsSupported(MavAutopilot autopilot) => autopilot is MavAutopilot.Ardupilotmega or MavAutopilot.Px4;

    /// <summary>The mode names of <paramref name="autopilot"/>.</summary>
    public static IReadOnlyList<string> Names(MavAutopilot autopilot) => autopilot switch
    {
        MavAutopilot.Ardupilotmega => [.. ArduCopterModes.Select(m => m.Name)],
        MavAutopilot.Px4 => [.. Px4Modes.Select(m => m.Name)],
        _ => [],
    };

    /// <summary>The name of a heartbeat's custom mode; the number itself for a mode this class does not know.</summary>
    public static string NameOf(MavAutopilot autopilot, uint customMode)
    {
        switch (autopilot)
        {
            case MavAutopilot.Ardupilotmega:
                foreach (var (name, number) in ArduCopterModes)
                {
                    if (number == customMode)
                    {
                        return name;
                    }
                }
                break;
            case MavAutopilot.Px4:
                var main = (customMode >> 16) & 0xFF;
                var sub = (customMode >> 24) & 0xFF;
                foreach (var (name, m, s) in Px4Modes)
                {
                    if (m == main && (s == sub || (m != 4 && s == 0)))
                    {
                        return name;
                    }
                }
                break;
        }
        return customMode.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The encoding of mode <paramref name="name"/> (case-insensitive; PX4 also takes QGroundControl's names).</summary>
    public static bool TryParse(MavAutopilot autopilot, string name, out FlightMode mode)
    {
        ArgumentNullException.ThrowIfNull(name);
        var wanted = name.Trim();
        switch (autopilot)
        {
            case MavAutopilot.Ardupilotmega:
                foreach (var (modeName, number) in ArduCopterModes)
                {
                    if (string.Equals(modeName, wanted, StringComparison.OrdinalIgnoreCase))
                    {
                        mode = new FlightMode(modeName, number, number, 0);
                        return true;
                    }
                }
                break;
            case MavAutopilot.Px4:
                if (Px4Aliases.TryGetValue(wanted, out var canonical))
                {
                    wanted = canonical;
                }
                foreach (var (modeName, main, sub) in Px4Modes)
                {
                    if (string.Equals(modeName, wanted, StringComparison.OrdinalIgnoreCase))
                    {
                        mode = new FlightMode(modeName, (main << 16) | (sub << 24), main, sub);
                        return true;
                    }
                }
                break;
        }
        mode = default;
        return false;
    }

    /// <summary>Like <see cref="TryParse"/>, with an error that lists the modes the autopilot has.</summary>
    public static FlightMode Parse(MavAutopilot autopilot, string name)
    {
        if (TryParse(autopilot, name, out var mode))
        {
            return mode;
        }
        var known = Names(autopilot);
        throw new ArgumentException(known.Count == 0
            ? $"Flight modes by name are known for ArduPilot and PX4, not for autopilot {autopilot}."
            : $"'{name}' is not a flight mode of {autopilot}; known modes: {string.Join(", ", known)}.", nameof(name));
    }
}
