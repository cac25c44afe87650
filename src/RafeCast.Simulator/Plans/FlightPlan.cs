using System.Globalization;
using RafeCast.Core.Geodesy;

namespace RafeCast.Simulator.Plans;

/// <summary>
/// A mission for the simulated vehicles: the items after ArduPilot's home item (sequence 1 onwards) and, when
/// the file named one, the planned home. Read with <see cref="Load"/> (QGroundControl <c>.plan</c> JSON or
/// <c>QGC WPL 110</c> text) or built with <see cref="Autofly"/>.
/// </summary>
public sealed class FlightPlan
{
    public FlightPlan(IReadOnlyList<MissionItem> items, GeoPosition? plannedHome, string source)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(source);
        Items = items;
        PlannedHome = plannedHome;
        Source = source;
    }

    /// <summary>The mission items, sequence 1 first (sequence 0 is home on ArduPilot).</summary>
    public IReadOnlyList<MissionItem> Items { get; }

    /// <summary>Home as the plan placed it (altitude AMSL in metres; relative altitude 0), if it did.</summary>
    public GeoPosition? PlannedHome { get; }

    /// <summary>Where the plan came from: a file path or the autofly arguments.</summary>
    public string Source { get; }

    /// <summary>Default take-off and cruise altitude of an autofly path, metres above home.</summary>
    public const double DefaultAutoflyAltitude = 30;

    /// <summary>
    /// Reads a plan file: QGroundControl's <c>.plan</c> JSON (by content: it starts with <c>{</c>) or a
    /// <c>QGC WPL 110</c> waypoint file. Throws <see cref="FlightPlanException"/> naming the file and what is wrong.
    /// </summary>
    public static FlightPlan Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FlightPlanException($"{path}: cannot read the plan: {ex.Message}", ex);
        }
        return Parse(text, path);
    }

    /// <summary>Parses plan text; <paramref name="source"/> names it in errors.</summary>
    public static FlightPlan Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('{'))
        {
            return QgcPlanReader.Read(trimmed, source);
        }
        if (trimmed.StartsWith("QGC WPL", StringComparison.Ordinal))
        {
            return WaypointFileReader.Read(text, source);
        }
        throw new FlightPlanException($"{source}: not a flight plan: expected QGroundControl .plan JSON or a 'QGC WPL 110' waypoint file.");
    }

    /// <summary>
    /// A straight path flown back and forth for ever: take off at <paramref name="from"/>, fly to
    /// <paramref name="to"/>, back to <paramref name="from"/>, and jump to the leg out again.
    /// </summary>
    public static FlightPlan Autofly(GeoPoint from, GeoPoint to, double altitudeRelative = DefaultAutoflyAltitude)
    {
        if (!from.IsValid || !to.IsValid)
        {
            throw new FlightPlanException($"autofly: {from} or {to} is not a valid latitude,longitude.");
        }
        MissionItem[] items =
        [
            MissionItem.Takeoff(altitudeRelative),            // 1
            MissionItem.Waypoint(to.Latitude, to.Longitude, altitudeRelative),     // 2
            MissionItem.Waypoint(from.Latitude, from.Longitude, altitudeRelative), // 3
            MissionItem.Jump(2, -1),                          // 4: back to the leg out, for ever
        ];
        return new FlightPlan(items, new GeoPosition(from.Latitude, from.Longitude, double.NaN, 0), $"autofly {from} -> {to}");
    }

    /// <summary>Parses <c>LAT,LON</c> in decimal degrees (the form <c>--autofly FROM TO</c> takes).</summary>
    public static GeoPoint ParsePoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            var point = new GeoPoint(lat, lon);
            if (point.IsValid)
            {
                return point;
            }
            throw new FlightPlanException($"'{text}' is out of range: latitude must be within ±90 and longitude within ±180 degrees.");
        }
        throw new FlightPlanException($"'{text}' is not a position: expected LAT,LON in decimal degrees, e.g. -35.363261,149.165230.");
    }
}

/// <summary>A flight plan that cannot be read or used; the message names the source and the place.</summary>
public sealed class FlightPlanException : Exception
{
    public FlightPlanException()
    {
    }

    public FlightPlanException(string message)
        : base(message)
    {
    }

    public FlightPlanException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
