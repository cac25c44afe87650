using System.Globalization;
using System.Text.Json;
using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Simulator.Plans;

/// <summary>
/// Reads QGroundControl's <c>.plan</c> JSON (https://docs.qgroundcontrol.com/master/en/qgc-dev-guide/file_formats/plan.html):
/// <c>mission.items</c> of <c>SimpleItem</c>s (command, frame, seven params, autoContinue) and the simple
/// items inside <c>ComplexItem</c>s (surveys and corridor scans keep them under
/// <c>TransectStyleComplexItem.Items</c>), and <c>mission.plannedHomePosition</c>. DO_JUMP targets are
/// <c>doJumpId</c>s in the file and become sequence numbers here, as QGroundControl does on upload.
/// </summary>
internal static class QgcPlanReader
{
    public static FlightPlan Read(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FlightPlanException($"{source}: not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}): {ex.Message}", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("mission", out var mission) || mission.ValueKind != JsonValueKind.Object)
            {
                throw new FlightPlanException($"{source}: not a QGroundControl plan: no \"mission\" object at the top level.");
            }
            if (root.TryGetProperty("fileType", out var fileType) && fileType.ValueKind == JsonValueKind.String && fileType.GetString() != "Plan")
            {
                throw new FlightPlanException($"{source}: fileType is \"{fileType.GetString()}\", expected \"Plan\".");
            }
            if (!mission.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new FlightPlanException($"{source}: no \"items\" array at mission.items.");
            }

            var simple = new List<(JsonElement Item, string Path)>();
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                Collect(item, $"mission.items[{index}]", simple, source);
                index++;
            }

            // First pass: doJumpId -> sequence (home is 0, so the first item is 1).
            var jumpTargets = new Dictionary<int, int>();
            for (var i = 0; i < simple.Count; i++)
            {
                if (simple[i].Item.TryGetProperty("doJumpId", out var jumpId) && jumpId.TryGetInt32(out var id))
                {
                    jumpTargets.TryAdd(id, i + 1);
                }
            }

            var result = new List<MissionItem>(simple.Count);
            foreach (var (item, path) in simple)
            {
                result.Add(ReadSimple(item, path, source, jumpTargets));
            }
            return new FlightPlan(result, ReadHome(mission, source), source);
        }
    }

    private static void Collect(JsonElement item, string path, List<(JsonElement, string)> into, string source)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FlightPlanException($"{source}: {path} is not an object.");
        }
        var type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "SimpleItem";
        switch (type)
        {
            case "SimpleItem":
                into.Add((item, path));
                return;
            case "ComplexItem":
                if (item.TryGetProperty("TransectStyleComplexItem", out var transect) && transect.TryGetProperty("Items", out var nested) && nested.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var inner in nested.EnumerateArray())
                    {
                        Collect(inner, $"{path}.TransectStyleComplexItem.Items[{i}]", into, source);
                        i++;
                    }
                    return;
                }
                if (item.TryGetProperty("Items", out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var inner in items.EnumerateArray())
                    {
                        Collect(inner, $"{path}.Items[{i}]", into, source);
                        i++;
                    }
                    return;
                }
                var kind = item.TryGetProperty("complexItemType", out var k) ? k.ToString() : "unknown";
                throw new FlightPlanException($"{source}: {path} is a complex item of type '{kind}' without the simple items it expands to; open and save the plan in a current QGroundControl.");
            default:
                throw new FlightPlanException($"{source}: {path} has type '{type}'; expected SimpleItem or ComplexItem.");
        }
    }

    private static MissionItem ReadSimple(JsonElement item, string path, string source, Dictionary<int, int> jumpTargets)
    {
        if (!item.TryGetProperty("command", out var commandElement) || !commandElement.TryGetInt32(out var command) || command is < 0 or > ushort.MaxValue)
        {
            throw new FlightPlanException($"{source}: {path}.command is missing or not a MAV_CMD number.");
        }
        var frame = item.TryGetProperty("frame", out var frameElement) && frameElement.TryGetInt32(out var f) ? f : (int)MavFrame.GlobalRelativeAlt;
        if (frame is < 0 or > byte.MaxValue)
        {
            throw new FlightPlanException($"{source}: {path}.frame {frame} is not a MAV_FRAME.");
        }
        if (!item.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() != 7)
        {
            throw new FlightPlanException($"{source}: {path}.params must be an array of 7 numbers (null for unused).");
        }
        var p = new double[7];
        var i = 0;
        foreach (var value in parameters.EnumerateArray())
        {
            p[i] = value.ValueKind switch
            {
                JsonValueKind.Null => double.NaN,
                JsonValueKind.Number => value.GetDouble(),
                _ => throw new FlightPlanException($"{source}: {path}.params[{i}] is {value.ValueKind}, expected a number or null."),
            };
            i++;
        }
        var autoContinue = !item.TryGetProperty("autoContinue", out var ac) || ac.ValueKind != JsonValueKind.False;
        var mavFrame = (MavFrame)frame;
        var cmd = (MavCmd)command;
        if (cmd == MissionItem.DoJump)
        {
            var targetId = (int)p[0];
            if (!jumpTargets.TryGetValue(targetId, out var sequence))
            {
                throw new FlightPlanException($"{source}: {path} jumps to doJumpId {targetId}, which no item has.");
            }
            p[0] = sequence;
        }
        int x, y;
        if (MissionItem.IsGlobalFrame(mavFrame))
        {
            var lat = double.IsNaN(p[4]) ? 0 : p[4];
            var lon = double.IsNaN(p[5]) ? 0 : p[5];
            if (!new GeoPoint(lat, lon).IsValid)
            {
                throw new FlightPlanException($"{source}: {path}.params[4..5] ({lat.ToString(CultureInfo.InvariantCulture)}, {lon.ToString(CultureInfo.InvariantCulture)}) is not a valid latitude and longitude.");
            }
            x = MissionItem.ToE7(lat);
            y = MissionItem.ToE7(lon);
        }
        else
        {
            x = double.IsNaN(p[4]) ? 0 : (int)p[4];
            y = double.IsNaN(p[5]) ? 0 : (int)p[5];
        }
        return new MissionItem(cmd, mavFrame, (float)p[0], (float)p[1], (float)p[2], (float)p[3], x, y, double.IsNaN(p[6]) ? 0 : (float)p[6], autoContinue);
    }

    private static GeoPosition? ReadHome(JsonElement mission, string source)
    {
        if (!mission.TryGetProperty("plannedHomePosition", out var home) || home.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (home.ValueKind != JsonValueKind.Array || home.GetArrayLength() < 2)
        {
            throw new FlightPlanException($"{source}: mission.plannedHomePosition must be [latitude, longitude, altitude].");
        }
        var values = home.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN).ToArray();
        var point = new GeoPoint(values[0], values[1]);
        if (!point.IsValid)
        {
            throw new FlightPlanException($"{source}: mission.plannedHomePosition is not a valid latitude and longitude.");
        }
        return new GeoPosition(values[0], values[1], values.Length > 2 ? values[2] : double.NaN, 0);
    }
}
