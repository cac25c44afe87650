using System.Globalization;
using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Simulator.Plans;

/// <summary>
/// Reads the <c>QGC WPL 110</c> text format (https://mavlink.io/en/file_formats/): a header line, then one
/// item per line with twelve tab- or space-separated fields: index, current, frame, command, param1-4,
/// latitude / x, longitude / y, altitude / z, autocontinue. Line 0 is home, as ArduPilot writes it.
/// </summary>
internal static class WaypointFileReader
{
    public static FlightPlan Read(string text, string source)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = lines[0].Trim().TrimStart('\uFEFF');
        if (header != "QGC WPL 110")
        {
            throw new FlightPlanException($"{source}: line 1 is '{header}'; only 'QGC WPL 110' waypoint files are supported.");
        }
        var items = new List<MissionItem>();
        GeoPosition? home = null;
        var expectedIndex = 0;
        for (var n = 1; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var lineNumber = n + 1;
            var fields = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 12)
            {
                throw new FlightPlanException($"{source}: line {lineNumber} has {fields.Length} fields; a waypoint line has 12 (index, current, frame, command, param1-4, x, y, z, autocontinue).");
            }
            var index = Integer(fields[0], "index", lineNumber, source);
            if (index != expectedIndex)
            {
                throw new FlightPlanException($"{source}: line {lineNumber} has index {index}; expected {expectedIndex} (items are numbered from 0 without gaps).");
            }
            expectedIndex++;
            var frame = Integer(fields[2], "frame", lineNumber, source);
            var command = Integer(fields[3], "command", lineNumber, source);
            if (frame is < 0 or > byte.MaxValue || command is < 0 or > ushort.MaxValue)
            {
                throw new FlightPlanException($"{source}: line {lineNumber}: frame {frame} or command {command} is out of range.");
            }
            var p = new double[7];
            for (var i = 0; i < 7; i++)
            {
                p[i] = Number(fields[4 + i], $"param{i + 1}", lineNumber, source);
            }
            var autocontinue = Integer(fields[11], "autocontinue", lineNumber, source) != 0;
            var mavFrame = (MavFrame)frame;
            if (index == 0)
            {
                // ArduPilot's home item: latitude, longitude and altitude above mean sea level.
                home = new GeoPosition(p[4], p[5], p[6], 0);
                if (!home.Value.Point.IsValid)
                {
                    throw new FlightPlanException($"{source}: line {lineNumber}: home {p[4]}, {p[5]} is not a valid latitude and longitude.");
                }
                continue;
            }
            int x, y;
            if (MissionItem.IsGlobalFrame(mavFrame))
            {
                if (!new GeoPoint(p[4], p[5]).IsValid)
                {
                    throw new FlightPlanException($"{source}: line {lineNumber}: {p[4].ToString(CultureInfo.InvariantCulture)}, {p[5].ToString(CultureInfo.InvariantCulture)} is not a valid latitude and longitude.");
                }
                x = MissionItem.ToE7(p[4]);
                y = MissionItem.ToE7(p[5]);
            }
            else
            {
                x = (int)p[4];
                y = (int)p[5];
            }
            items.Add(new MissionItem((MavCmd)command, mavFrame, (float)p[0], (float)p[1], (float)p[2], (float)p[3], x, y, (float)p[6], autocontinue));
        }
        if (home is { } h && (h.Latitude == 0 && h.Longitude == 0))
        {
            home = null;
        }
        return new FlightPlan(items, home, source);
    }

    private static int Integer(string text, string what, int line, string source) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FlightPlanException($"{source}: line {line}: {what} '{text}' is not an integer.");

    private static double Number(string text, string what, int line, string source) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FlightPlanException($"{source}: line {line}: {what} '{text}' is not a number.");
}
