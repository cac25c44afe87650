using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using RafeCast.Core.Domes;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Sidecars;
using RafeCast.Geo.Tagging;
using RafeCast.Geo.Tracks;
using RafeCast.Testing;

namespace RafeCast.Geo.Tests.Sidecars;

public sealed class SidecarTests
{
    private static readonly TestWorld World = TestWorld.Canberra;
    private static readonly DateTimeOffset T0 = TestWorld.T0;

    private static readonly DomeRegistry Registry = DomeRegistry.Create([World.Square("dome-square", 0, 0, 200)]);

    // East-bound at 10 m/s from 300 m west for 60 s, telemetry lost between 35 s and 45 s:
    // enters the dome at 20 s, and is found outside it after the gap (it left at 40 s, unseen).
    private static TrackSnapshot Track() => new(
        World.StraightFlight(-300, 0, 90, 10, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500), altitudeFrom: 30, altitudeTo: 40)
            .Where(s => s.TimeUtc <= T0.AddSeconds(35) || s.TimeUtc >= T0.AddSeconds(45)),
        new GeoOptions());

    private static SidecarTrack Flight() => SidecarTrack.ForFlight("flight-1", Track(), Registry);

    private static string Write(Action<Stream, SidecarTrack> write, SidecarTrack track)
    {
        using var stream = new MemoryStream();
        write(stream, track);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Create_FlightWithAGap_SplitsTheTrackIntoRunsAndKeepsTheCrossings()
    {
        var flight = Flight();

        Assert.Equal(2, flight.Runs.Count);
        Assert.Equal([CrossingDirection.Enter, CrossingDirection.Exit], flight.Crossings.Select(c => c.Direction));
        Assert.Equal(T0.AddSeconds(45), flight.Crossings[1].TimeUtc);
        Assert.Equal(60, flight.Cues.Count);
    }

    [Fact]
    public void GeoJson_IsReadableByAGeoJsonParserWithTrackAndCrossings()
    {
        var text = Write(GeoJsonSidecarWriter.Write, Flight());

        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        var collection = JsonSerializer.Deserialize<FeatureCollection>(text, options)!;

        var lines = collection.Where(f => f.Geometry is LineString).ToList();
        var points = collection.Where(f => f.Geometry is Point).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(2, points.Count);
        Assert.Equal("track", lines[0].Attributes["kind"]);
        Assert.Equal(71, lines[0].Geometry.NumPoints);
        var enter = points[0];
        Assert.Equal("dome-square", enter.Attributes["dome"]);
        Assert.Equal("enter", enter.Attributes["direction"]);
        Assert.Equal("2026-11-26T10:30:20.000Z", enter.Attributes["time"]);
        var (east, _) = World.Projection.Project(new(enter.Geometry.Coordinate.Y, enter.Geometry.Coordinate.X));
        Assert.Equal(-100, east, 0.05);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(4, document.RootElement.GetProperty("bbox").GetArrayLength());
        Assert.Equal(lines[0].Geometry.NumPoints, document.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("times").GetArrayLength());
    }

    [Fact]
    public void GeoJson_SegmentSidecar_CarriesTheSegmentTags()
    {
        var track = Track();
        var tags = new SegmentTagger(Registry).Tag(track, T0.AddSeconds(19), T0.AddSeconds(21));

        var text = Write(GeoJsonSidecarWriter.Write, SidecarTrack.Create("segment-00009", track, Registry, T0.AddSeconds(19), T0.AddSeconds(21), tags: tags));

        using var document = JsonDocument.Parse(text);
        var properties = document.RootElement.GetProperty("features")[0].GetProperty("properties");
        Assert.Equal("crossing", properties.GetProperty("classification").GetString());
        Assert.Equal(tags.Geohash7, properties.GetProperty("geohash7").GetString());
        Assert.False(properties.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public void Gpx_IsGpx11WithATrackSegmentPerRunAndWaypointsForCrossings()
    {
        var text = Write(GpxSidecarWriter.Write, Flight());

        var gpx = XDocument.Parse(text).Root!;
        XNamespace ns = GpxSidecarWriter.Namespace;
        Assert.Equal(ns + "gpx", gpx.Name);
        Assert.Equal("1.1", (string?)gpx.Attribute("version"));
        Assert.Equal(["metadata", "wpt", "wpt", "trk"], gpx.Elements().Select(e => e.Name.LocalName));
        var segments = gpx.Element(ns + "trk")!.Elements(ns + "trkseg").ToList();
        Assert.Equal(2, segments.Count);
        var points = segments.SelectMany(s => s.Elements(ns + "trkpt")).ToList();
        Assert.Equal(Track().Samples.Count, points.Count);
        var first = points[0];
        Assert.Equal(["ele", "time"], first.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(T0, DateTimeOffset.Parse((string)first.Element(ns + "time")!, CultureInfo.InvariantCulture));
        Assert.Equal(610, double.Parse((string)first.Element(ns + "ele")!, CultureInfo.InvariantCulture));
        Assert.Equal(World.At(-300, 0).Latitude, double.Parse((string)first.Attribute("lat")!, CultureInfo.InvariantCulture), 1e-7);
        Assert.Equal("enter dome-square", (string)gpx.Element(ns + "wpt")!.Element(ns + "name")!);
    }

    [Fact]
    public void WebVtt_HasOneCuePerSecondWithAJsonPayloadAndNoneInTheGap()
    {
        var text = Write(WebVttSidecarWriter.Write, Flight());

        var blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("WEBVTT", blocks[0]);
        var cues = blocks.Skip(1).Select(b => b.Split('\n')).ToList();
        // 60 seconds, minus 37 .. 43 whose positions are unknown (35 s to 45 s, less a second of hold each side).
        Assert.Equal(60 - 7, cues.Count);
        Assert.Equal("00:00:00.000 --> 00:00:01.000", cues[0][0]);
        Assert.Equal("00:00:25.000 --> 00:00:26.000", cues[25][0]);
        Assert.Equal("00:00:59.000 --> 00:01:00.000", cues[^1][0]);
        using var payload = JsonDocument.Parse(cues[25][1]);
        var root = payload.RootElement;
        Assert.Equal("2026-11-26T10:30:25.000Z", root.GetProperty("time").GetString());
        Assert.Equal("dome-square", root.GetProperty("dome").GetString());
        Assert.Equal(90, root.GetProperty("heading").GetDouble());
        Assert.Equal(World.At(-50, 0).Longitude, root.GetProperty("lon").GetDouble(), 1e-7);
        Assert.Equal(30 + (25.0 / 6), root.GetProperty("alt_rel").GetDouble(), 0.01);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(cues[0][1]).RootElement.GetProperty("dome").ValueKind);
    }

    [Fact]
    public void SubRip_NumbersEveryCueAndSaysWhenThePositionIsUnknown()
    {
        var text = Write(SubRipSidecarWriter.Write, Flight());

        var cues = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(b => b.Split('\n')).ToList();
        Assert.Equal(60, cues.Count);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => i.ToString(CultureInfo.InvariantCulture)), cues.Select(c => c[0]));
        Assert.Equal("00:00:25,000 --> 00:00:26,000", cues[25][1]);
        Assert.Matches(@"^35\.\d{7}° S 149\.\d{7}° E · 34\.2 m above home · heading 090°$", cues[25][2]);
        Assert.Equal("inside dome-square (dome-square)", cues[25][3]);
        Assert.Equal("outside the domes", cues[0][3]);
        Assert.Equal("position unknown (no telemetry)", cues[40][2]);
    }

    [Fact]
    public void WriteAll_WritesTheFourFilesAndNoTemporaries()
    {
        using var directory = new TempDirectory("sidecars");

        var written = SidecarFiles.WriteAll(Path.Combine(directory.Path, "flight"), "20261126T103000Z-v1", Flight());

        Assert.Equal([".geojson", ".gpx", ".vtt", ".srt"], written.Select(Path.GetExtension));
        Assert.All(written, path => Assert.True(new FileInfo(path).Length > 100, path));
        Assert.Empty(Directory.GetFiles(Path.Combine(directory.Path, "flight"), "*.tmp"));
    }
}
