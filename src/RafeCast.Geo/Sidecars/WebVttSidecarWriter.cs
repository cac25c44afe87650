using System.Text;
using System.Text.Json;
using static RafeCast.Geo.Sidecars.SidecarFormat;

namespace RafeCast.Geo.Sidecars;

/// <summary>
/// Writes a sidecar as a WebVTT metadata track (https://www.w3.org/TR/webvtt1/): one cue per second, its
/// payload one line of JSON: <c>{"time":ISO-8601,"lat":..,"lon":..,"alt":..,"alt_rel":..,"heading":..,"dome":..}</c>
/// (<c>alt</c> above mean sea level and <c>alt_rel</c> above home in metres; <c>heading</c> in degrees or null;
/// <c>dome</c> the innermost dome id or null). Seconds without a position (telemetry gap) have no cue.
/// Browsers and hls.js load it as a <c>metadata</c> text track.
/// </summary>
public static class WebVttSidecarWriter
{
    /// <summary>Writes <paramref name="track"/> to <paramref name="stream"/> as UTF-8 WebVTT.</summary>
    public static void Write(Stream stream, SidecarTrack track)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(track);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine("WEBVTT");
        writer.WriteLine();
        foreach (var cue in track.Cues)
        {
            if (cue.Position is not { } position)
            {
                continue;
            }
            writer.WriteLine($"{Timestamp(cue.Start)} --> {Timestamp(cue.End)}");
            writer.WriteLine(Payload(cue, position));
            writer.WriteLine();
        }
    }

    /// <summary>The JSON payload of one cue.</summary>
    internal static string Payload(SidecarCue cue, Tracks.TrackPosition position)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", Utc(cue.TimeUtc));
            json.WriteNumber("lat", Degrees(position.Position.Latitude));
            json.WriteNumber("lon", Degrees(position.Position.Longitude));
            json.WriteNumber("alt", Metres(position.Position.AltitudeAmsl));
            json.WriteNumber("alt_rel", Metres(position.Position.AltitudeRelative));
            if (position.HeadingDegrees is { } heading)
            {
                json.WriteNumber("heading", Math.Round(heading, 1));
            }
            else
            {
                json.WriteNull("heading");
            }
            if (cue.Dome is { } dome)
            {
                json.WriteString("dome", dome.Id);
            }
            else
            {
                json.WriteNull("dome");
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>hh:mm:ss.ttt, as WebVTT cue timings are written.</summary>
    internal static string Timestamp(TimeSpan time) =>
        Invariant($"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}");
}
