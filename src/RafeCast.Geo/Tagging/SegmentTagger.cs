using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Tagging;
using RafeCast.Core.Video;
using RafeCast.Geo.Crossings;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Geodesy;
using RafeCast.Geo.Tracks;

namespace RafeCast.Geo.Tagging;

/// <summary>
/// Tags a time window (a video segment's [start, end)) from a vehicle's track and the dome registry:
/// positions at start and end, the track inside the window, its centroid, bounding box and altitude
/// range, the heading at start, the domes at start and end, the crossings inside the window, the
/// distance to the nearest boundary and the geohashes of the start, and a classification.
/// </summary>
/// <remarks>
/// Classification: <c>unknown</c> (and <see cref="SegmentTags.Stale"/>) when any instant of the window has
/// no position (a telemetry gap, or no telemetry yet); else <c>crossing</c> when a crossing (enter, exit
/// or over) happened inside the window; else <c>inside:&lt;id&gt;</c> of the innermost (smallest) dome
/// containing the start; else <c>outside</c>. A partly covered window still carries whatever positions
/// and crossings are known. Pure and thread-safe.
/// </remarks>
public sealed class SegmentTagger
{
    public SegmentTagger(DomeRegistry registry, GeoOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        Detector = new DomeCrossingDetector(registry, (options ?? new GeoOptions()).GapThreshold);
    }

    /// <summary>The domes segments are tagged against.</summary>
    public DomeRegistry Registry { get; }

    internal DomeCrossingDetector Detector { get; }

    /// <summary>Tags <paramref name="segment"/>'s window [StartUtc, EndUtc) from <paramref name="track"/>.</summary>
    public SegmentTags Tag(VideoSegment segment, TrackSnapshot track, FlightId? flight = null)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return Tag(track, segment.StartUtc, segment.EndUtc, flight);
    }

    /// <summary>Tags the window [<paramref name="startUtc"/>, <paramref name="endUtc"/>) from <paramref name="track"/>.</summary>
    public SegmentTags Tag(TrackSnapshot track, DateTimeOffset startUtc, DateTimeOffset endUtc, FlightId? flight = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (endUtc < startUtc)
        {
            throw new ArgumentException($"The window ends ({endUtc:O}) before it starts ({startUtc:O}).", nameof(endUtc));
        }
        var points = TrackInside(track, startUtc, endUtc);
        if (points.Count == 0)
        {
            return SegmentTags.UnknownPosition;
        }
        var covered = track.Covers(startUtc, endUtc);
        var start = track.PositionAt(startUtc);
        var end = track.PositionAt(endUtc);
        var crossings = CrossingsInside(track, startUtc, endUtc, flight);

        var domesAtStart = start is { } s ? InsideIds(s) : [];
        var domesAtEnd = end is { } e ? InsideIds(e) : [];
        SegmentClassification classification;
        if (!covered)
        {
            classification = SegmentClassification.Unknown;
        }
        else if (crossings.Count > 0)
        {
            classification = SegmentClassification.Crossing;
        }
        else if (domesAtStart.Count > 0)
        {
            classification = SegmentClassification.InsideDome(domesAtStart[0]);
        }
        else
        {
            classification = SegmentClassification.Outside;
        }

        var positions = points.Select(p => p.Position).ToArray();
        var startPosition = start?.Position;
        string? geohash5 = null, geohash7 = null;
        double? distance = null;
        if (startPosition is { } sp)
        {
            geohash5 = Geohash.Encode(sp.Latitude, sp.Longitude, 5);
            geohash7 = Geohash.Encode(sp.Latitude, sp.Longitude, 7);
            distance = Registry.NearestBoundary(sp.Point, startUtc)?.Metres;
        }
        return new SegmentTags(
            classification,
            startPosition,
            end?.Position,
            Centroid(points),
            GeoBoundingBox.Around(positions.Select(p => p.Point)),
            positions,
            positions.Min(p => p.AltitudeRelative),
            positions.Max(p => p.AltitudeRelative),
            start?.HeadingDegrees,
            domesAtStart,
            domesAtEnd,
            crossings,
            distance,
            geohash5,
            geohash7,
            Stale: !covered);
    }

    /// <summary>
    /// The track inside the window: the position at its start, every sample strictly inside, the position
    /// at its end; instants without a position are left out.
    /// </summary>
    public static IReadOnlyList<TrackPosition> TrackInside(TrackSnapshot track, DateTimeOffset startUtc, DateTimeOffset endUtc)
    {
        ArgumentNullException.ThrowIfNull(track);
        var points = new List<TrackPosition>();
        if (track.PositionAt(startUtc) is { } start)
        {
            points.Add(start);
        }
        var samples = track.Span;
        for (var i = Math.Max(track.IndexAtOrBefore(startUtc.UtcTicks) + 1, 0); i < samples.Length && samples[i].TimeUtc < endUtc; i++)
        {
            if (samples[i].TimeUtc > startUtc)
            {
                points.Add(new TrackPosition(samples[i].TimeUtc, samples[i].Position, TrackSnapshot.HeadingOf(samples[i]), samples[i].GroundSpeedMetresPerSecond));
            }
        }
        if (endUtc > startUtc && track.PositionAt(endUtc) is { } end)
        {
            points.Add(end);
        }
        return points;
    }

    /// <summary>The crossings of the track with time in [<paramref name="startUtc"/>, <paramref name="endUtc"/>), in time order.</summary>
    public IReadOnlyList<DomeCrossing> CrossingsInside(TrackSnapshot track, DateTimeOffset startUtc, DateTimeOffset endUtc, FlightId? flight = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        var samples = track.Span;
        var found = new List<DomeCrossing>();
        // One pair earlier than the one holding the start: a change of presence exactly at a sample is
        // reported by the pair that ends there, and that sample may be the window's start.
        var first = Math.Max(track.IndexAtOrBefore(startUtc.UtcTicks) - 1, 0);
        for (var i = first + 1; i < samples.Length && samples[i - 1].TimeUtc < endUtc; i++)
        {
            Detector.Detect(samples[i - 1], samples[i], flight, found);
        }
        found.RemoveAll(c => c.TimeUtc < startUtc || c.TimeUtc >= endUtc);
        return found;
    }

    private List<string> InsideIds(TrackPosition at) =>
        [.. Registry.Hits(at.Position, at.TimeUtc).Where(h => h.Presence == DomePresence.Inside).Select(h => Registry.Domes[h.DomeIndex].Id)];

    /// <summary>Time-weighted mean position along the track (each stretch counts for its duration).</summary>
    private static GeoPosition? Centroid(IReadOnlyList<TrackPosition> points)
    {
        if (points.Count == 1)
        {
            return points[0].Position;
        }
        double weight = 0, lat = 0, lon = 0, amsl = 0, rel = 0;
        var origin = points[0].Position.Longitude;
        for (var i = 1; i < points.Count; i++)
        {
            var w = (points[i].TimeUtc - points[i - 1].TimeUtc).TotalSeconds;
            var a = points[i - 1].Position;
            var b = points[i].Position;
            weight += w;
            lat += w * (a.Latitude + b.Latitude) / 2;
            // Longitudes relative to the first point, so a track over ±180° averages correctly.
            lon += w * (LocalProjection.WrapLongitudeDelta(a.Longitude - origin) + LocalProjection.WrapLongitudeDelta(b.Longitude - origin)) / 2;
            amsl += w * (a.AltitudeAmsl + b.AltitudeAmsl) / 2;
            rel += w * (a.AltitudeRelative + b.AltitudeRelative) / 2;
        }
        if (weight <= 0)
        {
            return points[0].Position;
        }
        var longitude = origin + (lon / weight);
        if (longitude > 180) longitude -= 360;
        else if (longitude < -180) longitude += 360;
        return new GeoPosition(lat / weight, longitude, amsl / weight, rel / weight);
    }
}
