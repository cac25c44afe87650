using System.Text;
using static RafeCast.Geo.Sidecars.SidecarFormat;

namespace RafeCast.Geo.Sidecars;

/// <summary>
/// Writes a sidecar as a SubRip (.srt) caption track for video editors: one numbered cue per second with
/// a human-readable position line and a dome line, e.g.
/// <c>35.3632610° S 149.1652300° E · 52.0 m above home · heading 090°</c> / <c>inside Harbour Biodome (dome-harbour)</c>.
/// Seconds without a position say so.
/// </summary>
public static class SubRipSidecarWriter
{
    /// <summary>Writes <paramref name="track"/> to <paramref name="stream"/> as UTF-8 SubRip.</summary>
    public static void Write(Stream stream, SidecarTrack track)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(track);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        var number = 1;
        foreach (var cue in track.Cues)
        {
            writer.WriteLine(number++);
            writer.WriteLine($"{Timestamp(cue.Start)} --> {Timestamp(cue.End)}");
            foreach (var line in Lines(cue))
            {
                writer.WriteLine(line);
            }
            writer.WriteLine();
        }
    }

    /// <summary>The caption lines of one cue.</summary>
    internal static IEnumerable<string> Lines(SidecarCue cue)
    {
        if (cue.Position is not { } position)
        {
            yield return "position unknown (no telemetry)";
            yield break;
        }
        var p = position.Position;
        var latitude = Invariant($"{Math.Abs(p.Latitude):F7}° {(p.Latitude < 0 ? 'S' : 'N')}");
        var longitude = Invariant($"{Math.Abs(p.Longitude):F7}° {(p.Longitude < 0 ? 'W' : 'E')}");
        var heading = position.HeadingDegrees is { } h ? Invariant($" · heading {Math.Round(h) % 360:000}°") : string.Empty;
        yield return Invariant($"{latitude} {longitude} · {p.AltitudeRelative:F1} m above home{heading}");
        yield return cue.Dome is { } dome ? $"inside {dome.Name} ({dome.Id})" : "outside the domes";
    }

    /// <summary>hh:mm:ss,ttt, as SubRip writes times.</summary>
    internal static string Timestamp(TimeSpan time) =>
        Invariant($"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00},{time.Milliseconds:000}");
}
