using System.Globalization;
using System.Text;
using RafeCast.Storage.Outbox;

namespace RafeCast.Storage.Layout;

/// <summary>
/// Blob index tags: what the archive can be searched by (https://learn.microsoft.com/azure/storage/blobs/storage-manage-find-blobs).
/// At most 10 per blob; keys and values only hold letters, digits, space and <c>+ - . / : = _</c>; values up to
/// 256 characters. Times are UTC in <c>yyyy-MM-ddTHH:mm:ssZ</c>, so string comparison is time comparison.
/// Segment blobs carry <c>kind</c>=segment, <c>flight</c>, <c>vehicle</c> (system id), <c>pilot</c>,
/// <c>dome</c> (dome id at segment start, <c>outside</c> or <c>unknown</c>), <c>crossing</c> (yes/no),
/// <c>captured</c> (UTC start), <c>geohash5</c>, <c>stream</c>, <c>rung</c>; other blobs a subset with
/// <c>kind</c> = manifest, sidecar, telemetry or playlist.
/// </summary>
public static class BlobIndexTags
{
    public const string Kind = "kind";
    public const string Flight = "flight";
    public const string Vehicle = "vehicle";
    public const string Pilot = "pilot";
    public const string Dome = "dome";
    public const string Crossing = "crossing";
    public const string Captured = "captured";
    public const string Geohash5 = "geohash5";
    public const string Stream = "stream";
    public const string Rung = "rung";

    /// <summary>The most tags a blob may carry.</summary>
    public const int MaxTags = 10;

    /// <summary>A UTC instant in the tag format (<c>yyyy-MM-ddTHH:mm:ssZ</c>).</summary>
    public static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="value"/> with every character outside the allowed set replaced by '_' and cut to 256
    /// characters; the same function is applied to search terms, so a sanitised pilot name still matches.
    /// </summary>
    public static string Sanitize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(Math.Min(value.Length, 256));
        foreach (var c in value)
        {
            if (sb.Length == 256)
            {
                break;
            }
            sb.Append(IsAllowed(c) ? c : '_');
        }
        return sb.ToString();
    }

    /// <summary>True when <paramref name="c"/> may appear in a tag key or value.</summary>
    public static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is ' ' or '+' or '-' or '.' or '/' or ':' or '=' or '_';

    internal static string DomeOf(SegmentRecord s)
    {
        if (s.Stale || s.Classification == "unknown")
        {
            return "unknown";
        }
        if (s.Classification.StartsWith("inside:", StringComparison.Ordinal))
        {
            return s.Classification[7..];
        }
        return s.DomesAtStart.Count > 0 ? s.DomesAtStart[0] : "outside";
    }

    internal static Dictionary<string, string> ForSegment(JobRecord job, SegmentRecord s)
    {
        var tags = Common(job, "segment", s.StartUtc);
        tags[Dome] = Sanitize(DomeOf(s));
        tags[Crossing] = s.Crossings.Count > 0 || s.Classification == "crossing" ? "yes" : "no";
        if (s.Geohash5 is { Length: > 0 } g)
        {
            tags[Geohash5] = Sanitize(g);
        }
        tags[Stream] = Sanitize(s.Stream);
        tags[Rung] = Sanitize(s.Rung);
        return tags;
    }

    internal static Dictionary<string, string> ForFlightDocument(JobRecord job, string kind, DateTimeOffset capturedUtc) => Common(job, kind, capturedUtc);

    private static Dictionary<string, string> Common(JobRecord job, string kind, DateTimeOffset capturedUtc)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Kind] = kind,
            [Flight] = Sanitize(job.Flight),
            [Vehicle] = job.VehicleSystemId.ToString(CultureInfo.InvariantCulture),
            [Captured] = Time(capturedUtc),
        };
        if (!string.IsNullOrWhiteSpace(job.Pilot))
        {
            tags[Pilot] = Sanitize(job.Pilot);
        }
        return tags;
    }

    /// <summary>Quotes a value for a tag filter expression (single quotes; the allowed set has none to escape).</summary>
    public static string Quote(string value) => "'" + Sanitize(value) + "'";
}
