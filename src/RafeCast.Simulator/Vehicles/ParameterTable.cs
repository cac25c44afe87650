using RafeCast.Mavlink.Messages;

namespace RafeCast.Simulator.Vehicles;

/// <summary>
/// A small ArduCopter-like parameter set (names, types and defaults as ArduCopter 4.5 has them) that the
/// simulated autopilot reads while it flies, so setting one changes what the vehicle does: cruise, climb
/// and descent speeds, RTL altitude, landing speed, battery capacity and thresholds, wind.
/// Values travel as floats with the type each parameter has on the autopilot (C-cast encoding).
/// </summary>
internal sealed class ParameterTable
{
    private readonly List<Entry> _entries;
    private readonly Dictionary<string, int> _index;

    public ParameterTable(byte systemId)
    {
        _entries =
        [
            new("SYSID_THISMAV", MavParamType.Int16, systemId),
            new("SYSID_MYGCS", MavParamType.Int16, 255),
            new("FRAME_CLASS", MavParamType.Int8, 1),
            new("FRAME_TYPE", MavParamType.Int8, 1),
            new("ARMING_CHECK", MavParamType.Int32, 1),
            new("DISARM_DELAY", MavParamType.Int8, 10),
            new("ANGLE_MAX", MavParamType.Int16, 3000),
            new("WPNAV_SPEED", MavParamType.Real32, 500),
            new("WPNAV_SPEED_UP", MavParamType.Real32, 250),
            new("WPNAV_SPEED_DN", MavParamType.Real32, 150),
            new("WPNAV_ACCEL", MavParamType.Real32, 250),
            new("WPNAV_RADIUS", MavParamType.Real32, 200),
            new("WP_YAW_BEHAVIOR", MavParamType.Int8, 2),
            new("RTL_ALT", MavParamType.Int32, 1500),
            new("RTL_SPEED", MavParamType.Int16, 0),
            new("RTL_LOIT_TIME", MavParamType.Int32, 5000),
            new("LAND_SPEED", MavParamType.Int16, 50),
            new("LAND_SPEED_HIGH", MavParamType.Int16, 0),
            new("PILOT_TKOFF_ALT", MavParamType.Real32, 0),
            new("BATT_CAPACITY", MavParamType.Int32, 5200),
            new("BATT_LOW_MAH", MavParamType.Real32, 1040),
            new("BATT_CRT_MAH", MavParamType.Real32, 520),
            new("FENCE_ENABLE", MavParamType.Int8, 0),
            new("SIM_WIND_SPD", MavParamType.Real32, 0),
            new("SIM_WIND_DIR", MavParamType.Real32, 180),
            new("SIM_WIND_TURB", MavParamType.Real32, 0),
        ];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _entries.Count; i++)
        {
            _index.Add(_entries[i].Name, i);
        }
    }

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    public bool TryFind(string name, out int index) => _index.TryGetValue(name, out index);

    public float Get(string name) => _entries[_index[name]].Value;

    /// <summary>Sets a value as the autopilot would store it (integers truncate, within the type's range). Returns the index.</summary>
    public int Set(string name, float value)
    {
        var index = _index[name];
        var entry = _entries[index];
        entry.Value = Coerce(entry.Type, value);
        return index;
    }

    private static float Coerce(MavParamType type, float value)
    {
        if (!float.IsFinite(value))
        {
            return 0;
        }
        return type switch
        {
            MavParamType.Int8 => Math.Clamp(MathF.Truncate(value), sbyte.MinValue, sbyte.MaxValue),
            MavParamType.Uint8 => Math.Clamp(MathF.Truncate(value), byte.MinValue, byte.MaxValue),
            MavParamType.Int16 => Math.Clamp(MathF.Truncate(value), short.MinValue, short.MaxValue),
            MavParamType.Uint16 => Math.Clamp(MathF.Truncate(value), ushort.MinValue, ushort.MaxValue),
            MavParamType.Int32 => Math.Clamp(MathF.Truncate(value), int.MinValue, int.MaxValue),
            _ => value,
        };
    }

    internal sealed class Entry(string name, MavParamType type, float value)
    {
        public string Name { get; } = name;

        public MavParamType Type { get; } = type;

        public float Value { get; set; } = value;
    }
}
