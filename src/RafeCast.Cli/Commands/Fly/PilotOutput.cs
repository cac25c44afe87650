using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>
/// Where results go: plain lines (one per command: "takeoff 20 -> failed: ..."), or JSON lines (a "result"
/// object per command and "telemetry" snapshots). Interactive output goes through the console so the live
/// panel stays intact; scripted output is written straight to stdout so lines are never wrapped.
/// </summary>
internal sealed class PilotOutput(IAnsiConsole console, bool json, bool interactive)
{
    private readonly Lock _gate = new();

    public bool Json => json;

    public void Result(PilotResult result)
    {
        if (json)
        {
            Line(ResultJson(result));
            return;
        }
        if (result.Command.Verb == PilotVerb.Help)
        {
            foreach (var line in result.Lines)
            {
                Line(line);
            }
            return;
        }
        Line(ResultText(result), Colour(result.Outcome));
        foreach (var parameter in result.Command.Verb == PilotVerb.ParamList ? result.Parameters : [])
        {
            Line("  " + PilotCommandRunner.Describe(parameter));
        }
    }

    /// <summary>A telemetry snapshot (JSON) or the panel drawn once (text).</summary>
    public void Status(PilotStatus status)
    {
        if (json)
        {
            Line(TelemetryJson(status));
            return;
        }
        lock (_gate)
        {
            console.Write(StatusPanel.Render(status));
        }
    }

    /// <summary>A snapshot after a command, JSON only (text mode shows the panel on `status`).</summary>
    public void Snapshot(PilotStatus status)
    {
        if (json)
        {
            Line(TelemetryJson(status));
        }
    }

    public void VehicleMessage(VehicleMessage message)
    {
        if (json)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("type", "statustext");
                writer.WriteNumber("vehicle", message.SystemId);
                writer.WriteString("time", message.ReceivedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                writer.WriteString("severity", message.Severity.ToString().ToLowerInvariant());
                writer.WriteString("text", message.Text);
                writer.WriteEndObject();
            }
            Line(Encoding.UTF8.GetString(buffer.ToArray()));
            return;
        }
        Line($"vehicle {message.SystemId}: {message.Text}", message.Severity <= RafeCast.Mavlink.Messages.MavSeverity.Warning ? "yellow" : "grey");
    }

    /// <summary>A line that is not a command result (a parse error in an interactive session).</summary>
    public void Note(string text, string colour = "yellow") => Line(text, colour);

    internal static string ResultText(PilotResult result)
    {
        var detail = result.Detail.Length > 0 ? $": {result.Detail}" : string.Empty;
        if (result.Outcome == PilotOutcome.Done)
        {
            return result.Detail.Length > 0 ? $"{result.Command.Text} -> {result.Detail}" : $"{result.Command.Text} -> ok";
        }
        return string.Create(CultureInfo.InvariantCulture, $"{result.Command.Text} -> {result.Word}{detail} [{result.Elapsed.TotalSeconds:0.0} s]");
    }

    internal static string ResultJson(PilotResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "result");
            writer.WriteNumber("vehicle", result.SystemId);
            writer.WriteString("command", result.Command.Text);
            writer.WriteString("result", result.Word);
            writer.WriteBoolean("ok", result.Succeeded);
            if (result.VehicleResult is { } vehicleResult)
            {
                writer.WriteString("vehicle_result", vehicleResult);
            }
            writer.WriteString("detail", result.Detail);
            writer.WriteStartArray("status_texts");
            foreach (var text in result.StatusTexts)
            {
                writer.WriteStringValue(text);
            }
            writer.WriteEndArray();
            writer.WriteNumber("elapsed_ms", Math.Round(result.Elapsed.TotalMilliseconds));
            if (result.Parameters.Count > 0)
            {
                writer.WriteStartArray("params");
                foreach (var parameter in result.Parameters)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", parameter.Name);
                    writer.WriteNumber("value", parameter.Value);
                    writer.WriteString("type", parameter.Type.ToString().ToLowerInvariant());
                    writer.WriteNumber("index", parameter.Index);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            if (result.Lines.Count > 0)
            {
                writer.WriteStartArray("lines");
                foreach (var line in result.Lines)
                {
                    writer.WriteStringValue(line);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static string TelemetryJson(PilotStatus s)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "telemetry");
            writer.WriteString("time", s.TimeUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteNumber("vehicle", s.SystemId);
            writer.WriteString("autopilot", s.Autopilot);
            writer.WriteString("mode", s.Mode);
            writer.WriteBoolean("armed", s.Armed);
            writer.WriteString("landed_state", PilotStatus.LandedName(s.LandedState));
            writer.WriteString("gps_fix", PilotStatus.FixName(s.GpsFix));
            Number(writer, "satellites", s.Satellites);
            Number(writer, "lat", s.Position?.Latitude);
            Number(writer, "lon", s.Position?.Longitude);
            Number(writer, "alt_rel", s.Position?.AltitudeRelative);
            Number(writer, "alt_amsl", s.Position?.AltitudeAmsl);
            Number(writer, "ground_speed", s.GroundSpeed);
            Number(writer, "climb_rate", s.ClimbRate);
            Number(writer, "heading", s.HeadingDegrees);
            Number(writer, "battery_pct", s.BatteryPercent);
            Number(writer, "battery_v", s.BatteryVoltage);
            writer.WriteBoolean("link_lost", s.LinkLost);
            writer.WriteNumber("packet_loss_pct", Math.Round(s.PacketLossPercent, 2));
            if (s.LastMessage is { } message)
            {
                writer.WriteString("last_message", message);
            }
            else
            {
                writer.WriteNull("last_message");
            }
            foreach (var field in s.Extra)
            {
                writer.WriteString(SnakeCase(field.Label), field.Value);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, Math.Round(v, 7));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string SnakeCase(string label) =>
        string.Concat(label.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_'));

    private static string Colour(PilotOutcome outcome) => outcome switch
    {
        PilotOutcome.Accepted or PilotOutcome.Done => "green",
        PilotOutcome.TimedOut => "yellow",
        _ => "red",
    };

    private void Line(string text, string colour = "default")
    {
        lock (_gate)
        {
            if (interactive)
            {
                console.MarkupLine($"[{colour}]{Markup.Escape(text)}[/]");
            }
            else
            {
                var writer = console.Profile.Out.Writer;
                writer.WriteLine(text);
                writer.Flush();
            }
        }
    }
}
