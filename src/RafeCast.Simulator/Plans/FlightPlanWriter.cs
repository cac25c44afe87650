using System.Globalization;
using System.Text;
using System.Text.Json;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Simulator.Plans;

/// <summary>
/// Writes a <see cref="FlightPlan"/> in the formats <see cref="FlightPlan.Load"/> reads: <c>QGC WPL 110</c> text
/// (home on line 0, as ArduPilot and Mission Planner write it) or QGroundControl's <c>.plan</c> JSON.
/// </summary>
public static class FlightPlanWriter
{
    /// <summary>Saves <paramref name="plan"/> to <paramref name="path"/>: <c>.plan</c> JSON by extension, else QGC WPL 110.</summary>
    public static void Save(FlightPlan plan, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = path.EndsWith(".plan", StringComparison.OrdinalIgnoreCase) ? ToQgcPlan(plan) : ToWaypointFile(plan);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>QGC WPL 110: twelve tab-separated fields per line, home first.</summary>
    public static string ToWaypointFile(FlightPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var builder = new StringBuilder("QGC WPL 110\n");
        var home = plan.PlannedHome;
        Line(builder, 0, current: true, MavFrame.Global, MavCmd.NavWaypoint, 0, 0, 0, 0,
            home?.Latitude ?? 0, home?.Longitude ?? 0, home is { AltitudeAmsl: var amsl } && double.IsFinite(amsl) ? amsl : 0, autocontinue: true);
        for (var i = 0; i < plan.Items.Count; i++)
        {
            var item = plan.Items[i];
            var global = MissionItem.IsGlobalFrame(item.Frame);
            Line(builder, i + 1, current: false, item.Frame, item.Command, item.Param1, item.Param2, item.Param3, item.Param4,
                global ? item.Latitude : item.X, global ? item.Longitude : item.Y, item.Z, item.Autocontinue);
        }
        return builder.ToString();
    }

    /// <summary>QGroundControl's plan JSON (version 1, mission version 2) with simple items; DO_JUMP targets become doJumpIds.</summary>
    public static string ToQgcPlan(FlightPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("fileType", "Plan");
            json.WriteNumber("version", 1);
            json.WriteString("groundStation", "RafeCast");
            json.WriteStartObject("geoFence");
            json.WriteNumber("version", 2);
            json.WriteStartArray("circles");
            json.WriteEndArray();
            json.WriteStartArray("polygons");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("mission");
            json.WriteNumber("version", 2);
            json.WriteNumber("firmwareType", (int)MavAutopilot.Ardupilotmega);
            json.WriteNumber("vehicleType", (int)MavType.Quadrotor);
            json.WriteNumber("cruiseSpeed", 15);
            json.WriteNumber("hoverSpeed", 5);
            json.WriteStartArray("plannedHomePosition");
            var home = plan.PlannedHome;
            json.WriteNumberValue(home?.Latitude ?? 0);
            json.WriteNumberValue(home?.Longitude ?? 0);
            json.WriteNumberValue(home is { AltitudeAmsl: var amsl } && double.IsFinite(amsl) ? amsl : 0);
            json.WriteEndArray();
            json.WriteStartArray("items");
            for (var i = 0; i < plan.Items.Count; i++)
            {
                var item = plan.Items[i];
                var global = MissionItem.IsGlobalFrame(item.Frame);
                json.WriteStartObject();
                json.WriteString("type", "SimpleItem");
                json.WriteBoolean("autoContinue", item.Autocontinue);
                json.WriteNumber("command", (int)item.Command);
                // Sequence numbers start at 1 after home; QGroundControl's jump ids are those numbers.
                json.WriteNumber("doJumpId", i + 1);
                json.WriteNumber("frame", (int)item.Frame);
                json.WriteStartArray("params");
                Number(json, item.Param1);
                Number(json, item.Param2);
                Number(json, item.Param3);
                Number(json, item.Param4);
                Number(json, global ? item.Latitude : item.X);
                Number(json, global ? item.Longitude : item.Y);
                Number(json, item.Z);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("rallyPoints");
            json.WriteNumber("version", 2);
            json.WriteStartArray("points");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void Line(StringBuilder builder, int index, bool current, MavFrame frame, MavCmd command, double p1, double p2, double p3, double p4, double x, double y, double z, bool autocontinue)
    {
        static string F(double value) => double.IsFinite(value) ? value.ToString("0.########", CultureInfo.InvariantCulture) : "0";
        builder.Append(CultureInfo.InvariantCulture, $"{index}\t{(current ? 1 : 0)}\t{(int)frame}\t{(int)command}\t{F(p1)}\t{F(p2)}\t{F(p3)}\t{F(p4)}\t{F(x)}\t{F(y)}\t{F(z)}\t{(autocontinue ? 1 : 0)}\n");
    }
}
