using System.Text.Json;
using RafeCast.Core.Tagging;
using RafeCast.Geo.Tracks;
using static RafeCast.Geo.Sidecars.SidecarFormat;

namespace RafeCast.Geo.Sidecars;

/// <summary>
/// Writes a sidecar as a GeoJSON (RFC 7946) FeatureCollection: one LineString feature per continuous run
/// of the track (a run of one fix is a Point) and one Point feature per crossing. Positions are
/// [longitude, latitude]; because RFC 7946 altitudes are ellipsoidal and telemetry's are above mean sea
/// level, altitudes and times go in the properties, per vertex (<c>times</c>, <c>alt_amsl</c>, <c>alt_rel</c>).
/// </summary>
public static class GeoJsonSidecarWriter
{
    /// <summary>Writes <paramref name="track"/> to <paramref name="utf8Stream"/> as UTF-8 GeoJSON.</summary>
    public static void Write(Stream utf8Stream, SidecarTrack track)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        ArgumentNullException.ThrowIfNull(track);
        using var json = new Utf8JsonWriter(utf8Stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        var all = track.Runs.SelectMany(r => r).Select(p => p.Position.Point)
            .Concat(track.Crossings.Select(c => c.Position.Point)).ToList();
        if (all.Count > 0)
        {
            json.WriteStartArray("bbox");
            json.WriteNumberValue(Degrees(all.Min(p => p.Longitude)));
            json.WriteNumberValue(Degrees(all.Min(p => p.Latitude)));
            json.WriteNumberValue(Degrees(all.Max(p => p.Longitude)));
            json.WriteNumberValue(Degrees(all.Max(p => p.Latitude)));
            json.WriteEndArray();
        }
        json.WriteStartArray("features");
        foreach (var run in track.Runs)
        {
            WriteRun(json, track, run);
        }
        foreach (var crossing in track.Crossings)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(Degrees(crossing.Position.Longitude));
            json.WriteNumberValue(Degrees(crossing.Position.Latitude));
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("kind", "crossing");
            json.WriteString("dome", crossing.DomeId);
            json.WriteString("direction", Direction(crossing.Direction));
            json.WriteString("time", Utc(crossing.TimeUtc));
            json.WriteNumber("alt_amsl", Metres(crossing.Position.AltitudeAmsl));
            json.WriteNumber("alt_rel", Metres(crossing.Position.AltitudeRelative));
            json.WriteString("vehicle", crossing.Vehicle.ToString());
            WriteOptional(json, "flight", crossing.Flight?.Value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter json, SidecarTrack track, IReadOnlyList<TrackPosition> run)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteStartObject("geometry");
        if (run.Count == 1)
        {
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(Degrees(run[0].Position.Longitude));
            json.WriteNumberValue(Degrees(run[0].Position.Latitude));
            json.WriteEndArray();
        }
        else
        {
            json.WriteString("type", "LineString");
            json.WriteStartArray("coordinates");
            foreach (var point in run)
            {
                json.WriteStartArray();
                json.WriteNumberValue(Degrees(point.Position.Longitude));
                json.WriteNumberValue(Degrees(point.Position.Latitude));
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();

        json.WriteStartObject("properties");
        json.WriteString("kind", "track");
        json.WriteString("title", track.Title);
        WriteOptional(json, "vehicle", track.Vehicle?.ToString());
        WriteOptional(json, "flight", track.Flight?.Value);
        json.WriteString("start", Utc(run[0].TimeUtc));
        json.WriteString("end", Utc(run[^1].TimeUtc));
        json.WriteStartArray("times");
        foreach (var point in run)
        {
            json.WriteStringValue(Utc(point.TimeUtc));
        }
        json.WriteEndArray();
        json.WriteStartArray("alt_amsl");
        foreach (var point in run)
        {
            json.WriteNumberValue(Metres(point.Position.AltitudeAmsl));
        }
        json.WriteEndArray();
        json.WriteStartArray("alt_rel");
        foreach (var point in run)
        {
            json.WriteNumberValue(Metres(point.Position.AltitudeRelative));
        }
        json.WriteEndArray();
        if (track.Tags is { } tags)
        {
            WriteTags(json, tags);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter json, SegmentTags tags)
    {
        json.WriteString("classification", tags.Classification.ToString());
        json.WriteBoolean("stale", tags.Stale);
        json.WriteStartArray("domes_at_start");
        foreach (var id in tags.DomesAtStart)
        {
            json.WriteStringValue(id);
        }
        json.WriteEndArray();
        json.WriteStartArray("domes_at_end");
        foreach (var id in tags.DomesAtEnd)
        {
            json.WriteStringValue(id);
        }
        json.WriteEndArray();
        WriteOptional(json, "geohash5", tags.Geohash5);
        WriteOptional(json, "geohash7", tags.Geohash7);
        if (tags.DistanceToNearestBoundaryMetres is { } distance)
        {
            json.WriteNumber("boundary_distance_m", Metres(distance));
        }
        if (tags.HeadingAtStartDegrees is { } heading)
        {
            json.WriteNumber("heading_at_start", Math.Round(heading, 1));
        }
        if (tags.MinAltitudeRelative is { } min && tags.MaxAltitudeRelative is { } max)
        {
            json.WriteNumber("alt_rel_min", Metres(min));
            json.WriteNumber("alt_rel_max", Metres(max));
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
