using System.Globalization;
using System.Security.Cryptography;
using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Tagging;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.Storage.Outbox;

namespace RafeCast.Storage.Tests.Infrastructure;

/// <summary>Builds tagged segments over real files and the playlists the video stage would render for them.</summary>
public static class TestSegments
{
    public static readonly StreamId Stream = new("v1-cam0");
    public const string Rung = "720p";
    public static readonly DateTimeOffset FlightStart = new(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);
    public static readonly FlightId Flight = FlightId.Armed(VehicleId.Autopilot(1), FlightStart);

    /// <summary>
    /// Lays out a spool folder with one file per sequence, <c>{sequence}.ts</c>, hard-linking (or copying) the
    /// generated media in turn.
    /// </summary>
    public static IReadOnlyList<string> Spool(string directory, IReadOnlyList<string> media, int count)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(directory, $"{i}.ts");
            File.Copy(media[i % media.Count], path, overwrite: true);
            paths.Add(path);
        }
        return paths;
    }

    public static TaggedSegment Tagged(string path, long sequence, SegmentTags? tags = null, FlightId? flight = null, DateTimeOffset? start = null,
        string rung = Rung, string? pilot = "Ada Lovelace", byte vehicle = 1)
    {
        var bytes = File.ReadAllBytes(path);
        var startUtc = start ?? FlightStart + TimeSpan.FromSeconds(sequence);
        var segment = new VideoSegment(Stream, rung, sequence, startUtc, TimeSpan.FromSeconds(1), path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return new TaggedSegment(segment, flight ?? Flight, VehicleId.Autopilot(vehicle), pilot, tags ?? Outside(47.0 + (sequence * 0.0001), 8.0));
    }

    public static SegmentTags Outside(double lat, double lon) => At(SegmentClassification.Outside, lat, lon, []);

    public static SegmentTags Inside(string dome, double lat, double lon) => At(SegmentClassification.InsideDome(dome), lat, lon, [dome]);

    public static SegmentTags Crossing(string dome, double lat, double lon, DateTimeOffset when) =>
        At(SegmentClassification.Crossing, lat, lon, [], [new DomeCrossing(VehicleId.Autopilot(1), Flight, dome, CrossingDirection.Enter, when, new GeoPosition(lat, lon, 500, 50))]);

    private static SegmentTags At(SegmentClassification classification, double lat, double lon, IReadOnlyList<string> domes, IReadOnlyList<DomeCrossing>? crossings = null)
    {
        var a = new GeoPosition(lat, lon, 500, 50);
        var b = new GeoPosition(lat + 0.0001, lon + 0.0001, 501, 51);
        return new SegmentTags(classification, a, b, a, GeoBoundingBox.Around([a.Point, b.Point]), [a, b], 50, 51, 90, domes, domes,
            crossings ?? [], 25, "u0m6r", "u0m6rkd", Stale: false);
    }

    /// <summary>A live sliding-window playlist (window of <paramref name="window"/>) ending at <paramref name="last"/>.</summary>
    public static PlaylistText LivePlaylist(long last, int window = 4, string rung = Rung)
    {
        var first = Math.Max(0, last - window + 1);
        var text = $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:{first}\n";
        for (var s = first; s <= last; s++)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"#EXTINF:1.000,\n{s}.ts\n");
        }
        return new PlaylistText($"{rung}/index.m3u8", text);
    }

    /// <summary>An event playlist listing segments 0..<paramref name="last"/>.</summary>
    public static PlaylistText EventPlaylist(long last, string rung = Rung)
    {
        var text = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-MEDIA-SEQUENCE:0\n";
        for (var s = 0; s <= last; s++)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"#EXTINF:1.000,\n{s}.ts\n");
        }
        return new PlaylistText($"{rung}/index.m3u8", text);
    }

    public static PlaylistText Master(string rung = Rung) =>
        new("master.m3u8", $"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=320x240\n{rung}/index.m3u8\n");
}
