using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Vehicles;
using RafeCast.Geo.Sidecars;
using RafeCast.Geo.Tracks;

namespace RafeCast.Cli.Commands.Archive;

/// <summary>One archived segment of the clip's stream rung.</summary>
internal sealed record ClipSegment(string Href, long Sequence, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string Dome, double[]? StartPosition, double[]? EndPosition);

/// <summary>
/// What the archive says about a time window of one flight: the segments to cut from (one stream, the best
/// rung) and the timed track, crossings and domes for the window's sidecars. The track comes from the
/// flight's GPX sidecar when the archive holds one, else from the manifest's per-segment start and end positions.
/// </summary>
internal static class ClipWindow
{
    /// <summary>The segments of the richest rung (largest mean segment) of the first stream that overlap the window, in order.</summary>
    public static IReadOnlyList<ClipSegment> Segments(JsonElement manifest, DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var all = new List<(string Stream, string Rung, long Size, ClipSegment Segment)>();
        foreach (var asset in manifest.GetProperty("assets").EnumerateObject())
        {
            var a = asset.Value;
            if (!a.TryGetProperty("rafecast:sequence", out var sequence))
            {
                continue;
            }
            all.Add((a.GetProperty("rafecast:stream").GetString()!, a.GetProperty("rafecast:rung").GetString()!, a.GetProperty("file:size").GetInt64(),
                new ClipSegment(asset.Name, sequence.GetInt64(), Time(a, "start_datetime"), Time(a, "end_datetime"),
                    a.TryGetProperty("rafecast:dome", out var dome) ? dome.GetString() ?? "unknown" : "unknown",
                    Array(a, "rafecast:start_position"), Array(a, "rafecast:end_position"))));
        }
        var inWindow = all.Where(x => x.Segment.EndUtc > fromUtc && x.Segment.StartUtc < toUtc).ToList();
        if (inWindow.Count == 0)
        {
            return [];
        }
        var stream = inWindow.Select(x => x.Stream).Order(StringComparer.Ordinal).First();
        var rung = inWindow.Where(x => x.Stream == stream).GroupBy(x => x.Rung).OrderByDescending(g => g.Average(x => x.Size)).First().Key;
        return [.. inWindow.Where(x => x.Stream == stream && x.Rung == rung).Select(x => x.Segment).OrderBy(s => s.Sequence)];
    }

    /// <summary>The sidecar content of [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), for the geo stage's writers.</summary>
    public static SidecarTrack Sidecar(string title, JsonElement manifest, IReadOnlyList<ClipSegment> segments, string? gpx, DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var properties = manifest.GetProperty("properties");
        var flight = new FlightId(manifest.GetProperty("id").GetString()!);
        var vehicle = VehicleId.Autopilot((byte)(properties.TryGetProperty("rafecast:vehicle", out var v) ? v.GetInt32() : 0));
        var timed = gpx is not null ? FromGpx(gpx) : FromSegments(segments);
        var inside = timed.Where(p => p.TimeUtc >= fromUtc && p.TimeUtc < toUtc).ToList();
        var runs = inside.Count == 0 ? new List<IReadOnlyList<TrackPosition>>() : [inside];
        var crossings = new List<DomeCrossing>();
        if (properties.TryGetProperty("rafecast:crossings", out var list))
        {
            foreach (var c in list.EnumerateArray())
            {
                var time = DateTimeOffset.Parse(c.GetProperty("datetime").GetString()!, CultureInfo.InvariantCulture);
                if (time < fromUtc || time >= toUtc)
                {
                    continue;
                }
                var at = c.GetProperty("coordinates").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var position = PositionAt(timed, time) ?? new GeoPosition(at[1], at[0], 0, 0);
                crossings.Add(new DomeCrossing(vehicle, flight, c.GetProperty("dome").GetString()!,
                    Enum.Parse<CrossingDirection>(c.GetProperty("direction").GetString()!, ignoreCase: true), time, position with { Latitude = at[1], Longitude = at[0] }));
            }
        }
        var cues = new List<SidecarCue>();
        for (var offset = TimeSpan.Zero; offset < toUtc - fromUtc; offset += SidecarTrack.CueLength)
        {
            var time = fromUtc + offset;
            var end = offset + SidecarTrack.CueLength < toUtc - fromUtc ? offset + SidecarTrack.CueLength : toUtc - fromUtc;
            TrackPosition? position = PositionAt(timed, time) is { } p ? new TrackPosition(time, p, null, null) : null;
            var dome = segments.FirstOrDefault(s => s.StartUtc <= time && time < s.EndUtc)?.Dome;
            // The archive keeps dome ids, not their polygons: the cue names the dome by its id.
            Dome? named = dome is null or "outside" or "unknown" ? null : new Dome(dome, dome, "biodome", [], null, ValidityInterval.Always);
            cues.Add(new SidecarCue(offset, end, time, position, named));
        }
        return new SidecarTrack(title, vehicle, flight, fromUtc, toUtc, runs, crossings, cues, null);
    }

    /// <summary>Timed positions from a GPX 1.1 track; relative altitude is elevation above the first point (take-off).</summary>
    internal static IReadOnlyList<TrackPosition> FromGpx(string gpx)
    {
        var document = XDocument.Parse(gpx);
        XNamespace ns = document.Root?.Name.Namespace ?? XNamespace.None;
        var points = new List<TrackPosition>();
        double? home = null;
        foreach (var pt in document.Descendants(ns + "trkpt"))
        {
            if ((string?)pt.Element(ns + "time") is not { } timeText)
            {
                continue;
            }
            var ele = (double?)pt.Element(ns + "ele") ?? 0;
            home ??= ele;
            points.Add(new TrackPosition(DateTimeOffset.Parse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                new GeoPosition((double)pt.Attribute("lat")!, (double)pt.Attribute("lon")!, ele, ele - home.Value), null, null));
        }
        return [.. points.OrderBy(p => p.TimeUtc)];
    }

    private static List<TrackPosition> FromSegments(IReadOnlyList<ClipSegment> segments)
    {
        var points = new List<TrackPosition>();
        foreach (var s in segments)
        {
            if (s.StartPosition is { Length: 4 } a)
            {
                points.Add(new TrackPosition(s.StartUtc, new GeoPosition(a[1], a[0], a[2], a[3]), null, null));
            }
            if (s.EndPosition is { Length: 4 } b)
            {
                points.Add(new TrackPosition(s.EndUtc - TimeSpan.FromTicks(1), new GeoPosition(b[1], b[0], b[2], b[3]), null, null));
            }
        }
        return [.. points.OrderBy(p => p.TimeUtc)];
    }

    private static GeoPosition? PositionAt(IReadOnlyList<TrackPosition> points, DateTimeOffset time)
    {
        if (points.Count == 0 || time < points[0].TimeUtc || time > points[^1].TimeUtc)
        {
            return null;
        }
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].TimeUtc >= time)
            {
                var a = points[i - 1];
                var b = points[i];
                var span = (b.TimeUtc - a.TimeUtc).TotalSeconds;
                return GeoPosition.Lerp(a.Position, b.Position, span <= 0 ? 0 : (time - a.TimeUtc).TotalSeconds / span);
            }
        }
        return points[^1].Position;
    }

    private static DateTimeOffset Time(JsonElement asset, string property) =>
        DateTimeOffset.Parse(asset.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);

    private static double[]? Array(JsonElement asset, string property) =>
        asset.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(e => e.GetDouble())] : null;
}
