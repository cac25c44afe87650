using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RafeCast.Storage.Layout;
using RafeCast.Storage.Outbox;

namespace RafeCast.Storage.Manifest;

/// <summary>
/// Builds a flight's <c>flight.json</c>: a STAC 1.1 Item (https://github.com/radiantearth/stac-spec/blob/v1.1.0/item-spec/item-spec.md).
/// <list type="bullet">
/// <item><c>geometry</c>: the flight track as a GeoJSON LineString ([longitude, latitude] in degrees), a Point when
/// there is one fix, null when no segment had a position; <c>bbox</c> [west, south, east, north] around it.</item>
/// <item><c>properties</c>: <c>datetime</c> null with <c>start_datetime</c>/<c>end_datetime</c> (UTC), and
/// <c>rafecast:vehicle</c> (MAVLink system id), <c>rafecast:pilot</c>, <c>rafecast:domes</c> (ids visited),
/// <c>rafecast:crossings</c> (dome, direction, UTC time, [lon, lat]), <c>rafecast:crossing_count</c>.</item>
/// <item><c>assets</c>: every segment, playlist, sidecar and the telemetry log, keyed by path relative to the
/// flight folder, each with its media type, <c>file:size</c> (bytes) and <c>file:checksum</c> — the File
/// extension v2.1.0's multihash, i.e. <c>1220</c> followed by the hex SHA-256.</item>
/// </list>
/// </summary>
public static class StacItem
{
    /// <summary>The STAC version written.</summary>
    public const string StacVersion = "1.1.0";

    /// <summary>The File extension schema whose <c>file:checksum</c> and <c>file:size</c> the assets use.</summary>
    public const string FileExtension = "https://stac-extensions.github.io/file/v2.1.0/schema.json";

    /// <summary>A SHA-256 hex digest as a multihash (code 0x12, length 0x20).</summary>
    public static string Multihash(string sha256Hex) => "1220" + sha256Hex.ToLowerInvariant();

    internal static byte[] Build(string flight, IReadOnlyList<LedgerEntry> entries, DateTimeOffset nowUtc)
    {
        var segments = entries.Where(e => e.Segment is not null).Select(e => e.Segment!).OrderBy(s => s.StartUtc).ThenBy(s => s.Stream, StringComparer.Ordinal).ThenBy(s => s.Rung, StringComparer.Ordinal).ToList();
        var any = entries.FirstOrDefault();

        // One window's track is the same for every rung and camera: take it once per start time.
        var track = new List<double[]>();
        var seenWindows = new HashSet<long>();
        foreach (var s in segments)
        {
            if (seenWindows.Add(s.StartUtc.UtcTicks / TimeSpan.TicksPerMillisecond / 100))
            {
                foreach (var p in s.Track)
                {
                    if (track.Count == 0 || track[^1][0] != p[0] || track[^1][1] != p[1])
                    {
                        track.Add([p[0], p[1]]);
                    }
                }
            }
        }
        JsonNode? geometry = track.Count switch
        {
            0 => null,
            1 => new JsonObject { ["type"] = "Point", ["coordinates"] = Position(track[0]) },
            _ => new JsonObject { ["type"] = "LineString", ["coordinates"] = new JsonArray([.. track.Select(Position)]) },
        };

        var start = segments.Count > 0 ? segments.Min(s => s.StartUtc) : (DateTimeOffset?)null;
        var end = segments.Count > 0 ? segments.Max(s => s.EndUtc) : (DateTimeOffset?)null;
        var domes = new SortedSet<string>(StringComparer.Ordinal);
        var crossings = new List<(CrossingRecord Crossing, string Key)>();
        foreach (var s in segments)
        {
            domes.UnionWith(s.DomesAtStart);
            domes.UnionWith(s.DomesAtEnd);
            foreach (var c in s.Crossings)
            {
                domes.Add(c.Dome);
                crossings.Add((c, $"{c.Dome}|{c.Direction}|{c.TimeUtc.UtcTicks}"));
            }
        }
        var distinctCrossings = crossings.DistinctBy(c => c.Key).Select(c => c.Crossing).OrderBy(c => c.TimeUtc).ToList();

        var properties = new JsonObject
        {
            ["datetime"] = null,
            ["start_datetime"] = start is { } a ? Iso(a) : Iso(nowUtc),
            ["end_datetime"] = end is { } b ? Iso(b) : Iso(nowUtc),
            ["created"] = Iso(entries.Count > 0 ? entries.Min(e => e.CompletedUtc) : nowUtc),
            ["updated"] = Iso(nowUtc),
            ["rafecast:flight"] = flight,
            ["rafecast:vehicle"] = any?.VehicleSystemId ?? 0,
            ["rafecast:pilot"] = any?.Pilot,
            ["rafecast:domes"] = new JsonArray([.. domes.Select(d => (JsonNode)d)]),
            ["rafecast:crossings"] = new JsonArray([.. distinctCrossings.Select(c => (JsonNode)new JsonObject
            {
                ["dome"] = c.Dome,
                ["direction"] = c.Direction.ToLowerInvariant(),
                ["datetime"] = Iso(c.TimeUtc),
                ["coordinates"] = Position(c.Position),
            })]),
            ["rafecast:crossing_count"] = distinctCrossings.Count,
            ["rafecast:streams"] = new JsonArray([.. segments.Select(s => s.Stream).Distinct(StringComparer.Ordinal).Select(s => (JsonNode)s)]),
            ["rafecast:segment_count"] = segments.Count,
        };

        var assets = new JsonObject();
        foreach (var e in entries.OrderBy(e => e.Href, StringComparer.Ordinal))
        {
            var asset = new JsonObject
            {
                ["href"] = e.Href,
                ["type"] = e.MediaType,
                ["roles"] = new JsonArray([.. Roles(e).Select(r => (JsonNode)r)]),
                ["file:size"] = e.SizeBytes,
                ["file:checksum"] = Multihash(e.Sha256),
            };
            if (e.Segment is { } s)
            {
                asset["start_datetime"] = Iso(s.StartUtc);
                asset["end_datetime"] = Iso(s.EndUtc);
                asset["rafecast:stream"] = s.Stream;
                asset["rafecast:rung"] = s.Rung;
                asset["rafecast:sequence"] = s.Sequence;
                asset["rafecast:classification"] = s.Classification;
                asset["rafecast:dome"] = BlobIndexTags.DomeOf(s);
                asset["rafecast:crossing"] = s.Crossings.Count > 0;
                // Where the window starts and ends, [lon, lat, alt AMSL, alt relative]: a timed track even without sidecars.
                if (s.StartPosition is { Length: 4 } from)
                {
                    asset["rafecast:start_position"] = new JsonArray(from[0], from[1], from[2], from[3]);
                }
                if (s.EndPosition is { Length: 4 } to)
                {
                    asset["rafecast:end_position"] = new JsonArray(to[0], to[1], to[2], to[3]);
                }
                if (s.BoundingBox is { Length: 4 } bb)
                {
                    asset["rafecast:bbox"] = new JsonArray(bb[1], bb[0], bb[3], bb[2]);
                }
            }
            assets[e.Href] = asset;
        }

        var item = new JsonObject
        {
            ["type"] = "Feature",
            ["stac_version"] = StacVersion,
            ["stac_extensions"] = new JsonArray(FileExtension),
            ["id"] = flight,
            ["geometry"] = geometry,
        };
        if (track.Count > 0)
        {
            item["bbox"] = new JsonArray(track.Min(p => p[0]), track.Min(p => p[1]), track.Max(p => p[0]), track.Max(p => p[1]));
        }
        item["properties"] = properties;
        item["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = BlobLayout.ManifestName, ["type"] = MediaTypes.GeoJson });
        item["assets"] = assets;
        return JsonSerializer.SerializeToUtf8Bytes(item, new JsonSerializerOptions { WriteIndented = true });
    }

    private static IEnumerable<string> Roles(LedgerEntry e) => e switch
    {
        { Segment: not null } => ["data", "video"],
        { Kind: "playlist" } => ["metadata", "playlist"],
        { FileKind: FlightFileKind.Telemetry } => ["data", "telemetry"],
        _ => ["metadata", "sidecar"],
    };

    private static JsonArray Position(double[] lonLat) => new(lonLat[0], lonLat[1]);

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
