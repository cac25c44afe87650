using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using RafeCast.Core.Geodesy;
using RafeCast.Storage.Layout;

namespace RafeCast.Storage.Archive;

/// <summary>One matching segment, as its flight's manifest describes it.</summary>
/// <param name="BlobName">The segment's archive blob name.</param>
/// <param name="StartUtc">Its first frame, UTC.</param>
/// <param name="EndUtc">Just after its last frame, UTC.</param>
/// <param name="Dome">Its dome tag: a dome id, <c>outside</c> or <c>unknown</c>.</param>
/// <param name="Crossing">True when a boundary crossing happened in it.</param>
public sealed record SegmentMatch(string BlobName, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string Dome, bool Crossing);

/// <summary>A flight with at least one matching segment.</summary>
/// <param name="Flight">The flight id.</param>
/// <param name="Prefix">Its archive folder (<c>yyyy/MM/dd/{flight}/</c>).</param>
/// <param name="Vehicle">MAVLink system id.</param>
/// <param name="Pilot">The pilot, when known.</param>
/// <param name="StartUtc">Start of the first matching segment, UTC.</param>
/// <param name="EndUtc">End of the last matching segment, UTC.</param>
/// <param name="Duration">Footage matched: the matching segment windows added up (once per window, whatever the rungs).</param>
/// <param name="Domes">Dome ids of the matching segments (and <c>outside</c>/<c>unknown</c> when they were).</param>
/// <param name="Crossings">Boundary crossings inside the matching segments.</param>
/// <param name="Segments">The matching segment blobs.</param>
public sealed record FlightMatch(string Flight, string Prefix, int Vehicle, string? Pilot, DateTimeOffset StartUtc, DateTimeOffset EndUtc,
    TimeSpan Duration, IReadOnlyList<string> Domes, int Crossings, IReadOnlyList<SegmentMatch> Segments);

/// <summary>
/// Finds flights and segments in the archive: a blob-index-tag query over the segment blobs, then each matching
/// flight's <c>flight.json</c> for the details and for the radius filter (distance from the centre to each
/// segment's bounding box). Works with an account key or with an editor SAS (read + list + find).
/// </summary>
public sealed class ArchiveSearch(BlobContainerClient archive)
{
    private const double EarthRadiusMetres = 6_371_008.8;

    public async Task<IReadOnlyList<FlightMatch>> SearchAsync(ArchiveQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var byFlight = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var hit in archive.FindBlobsByTagsAsync(query.ToTagFilter(), cancellationToken).ConfigureAwait(false))
        {
            if (BlobLayout.FlightPrefixOf(hit.BlobName) is { } prefix)
            {
                if (!byFlight.TryGetValue(prefix, out var list))
                {
                    byFlight[prefix] = list = [];
                }
                list.Add(hit.BlobName);
            }
        }
        var results = new List<FlightMatch>();
        foreach (var (prefix, blobs) in byFlight)
        {
            if (await MatchAsync(prefix, blobs, query, cancellationToken).ConfigureAwait(false) is { } match)
            {
                results.Add(match);
            }
        }
        return [.. results.OrderBy(r => r.StartUtc).ThenBy(r => r.Flight, StringComparer.Ordinal)];
    }

    /// <summary>The archive folder of a flight, found by its tags; null when the archive has nothing of it.</summary>
    public async Task<string?> FindFlightPrefixAsync(string flight, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(flight);
        await foreach (var hit in archive.FindBlobsByTagsAsync($"\"{BlobIndexTags.Flight}\" = {BlobIndexTags.Quote(flight)}", cancellationToken).ConfigureAwait(false))
        {
            if (BlobLayout.FlightPrefixOf(hit.BlobName) is { } prefix && BlobLayout.FlightOf(hit.BlobName) == flight)
            {
                return prefix;
            }
        }
        return null;
    }

    /// <summary>The flight's manifest (STAC Item), or null when it has none yet.</summary>
    public async Task<JsonDocument?> ManifestAsync(string prefix, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await archive.GetBlobClient(prefix + BlobLayout.ManifestName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            return JsonDocument.Parse(content.ToMemory());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task<FlightMatch?> MatchAsync(string prefix, List<string> blobs, ArchiveQuery query, CancellationToken cancellationToken)
    {
        using var manifest = await ManifestAsync(prefix, cancellationToken).ConfigureAwait(false);
        var flight = BlobLayout.FlightOf(prefix + "x")!;
        var vehicle = 0;
        string? pilot = null;
        var segments = new List<SegmentMatch>();
        var boxes = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (manifest is not null)
        {
            var root = manifest.RootElement;
            var properties = root.GetProperty("properties");
            vehicle = properties.TryGetProperty("rafecast:vehicle", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
            pilot = properties.TryGetProperty("rafecast:pilot", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var assets = root.GetProperty("assets");
            foreach (var blob in blobs)
            {
                if (!assets.TryGetProperty(blob[prefix.Length..], out var asset))
                {
                    continue; // not in the manifest yet (still being published)
                }
                var start = DateTimeOffset.Parse(asset.GetProperty("start_datetime").GetString()!, CultureInfo.InvariantCulture);
                var end = DateTimeOffset.Parse(asset.GetProperty("end_datetime").GetString()!, CultureInfo.InvariantCulture);
                var dome = asset.TryGetProperty("rafecast:dome", out var d) ? d.GetString() ?? "unknown" : "unknown";
                var crossing = asset.TryGetProperty("rafecast:crossing", out var c) && c.ValueKind == JsonValueKind.True;
                if (asset.TryGetProperty("rafecast:bbox", out var bbox) && bbox.GetArrayLength() == 4)
                {
                    boxes[blob] = [.. bbox.EnumerateArray().Select(e => e.GetDouble())];
                }
                segments.Add(new SegmentMatch(blob, start, end, dome, crossing));
            }
        }
        if (query.Near is { } centre && query.RadiusMetres is { } radius)
        {
            segments = [.. segments.Where(s => boxes.TryGetValue(s.BlobName, out var box) && DistanceToBoxMetres(centre, box) <= radius)];
        }
        if (segments.Count == 0)
        {
            return null;
        }
        var windows = segments.DistinctBy(s => s.StartUtc).ToList();
        var domes = segments.Select(s => s.Dome).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new FlightMatch(flight, prefix, vehicle, pilot, segments.Min(s => s.StartUtc), segments.Max(s => s.EndUtc),
            TimeSpan.FromTicks(windows.Sum(w => (w.EndUtc - w.StartUtc).Ticks)), domes, windows.Count(w => w.Crossing),
            [.. segments.OrderBy(s => s.StartUtc).ThenBy(s => s.BlobName, StringComparer.Ordinal)]);
    }

    /// <summary>Great-circle distance in metres from <paramref name="p"/> to the nearest point of a [west, south, east, north] box.</summary>
    internal static double DistanceToBoxMetres(GeoPoint p, double[] box)
    {
        var lat = Math.Clamp(p.Latitude, box[1], box[3]);
        var lon = Math.Clamp(p.Longitude, box[0], box[2]);
        return HaversineMetres(p, new GeoPoint(lat, lon));
    }

    /// <summary>Great-circle distance in metres on a sphere of the mean Earth radius.</summary>
    public static double HaversineMetres(GeoPoint a, GeoPoint b)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180.0;
        var dLat = Rad(b.Latitude - a.Latitude);
        var dLon = Rad(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
