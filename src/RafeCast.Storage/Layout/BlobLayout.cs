using System.Globalization;
using RafeCast.Core.Flights;
using RafeCast.Core.Video;

namespace RafeCast.Storage.Layout;

/// <summary>
/// Blob names in the two containers.
/// <list type="bullet">
/// <item>Live: <c>{streamId}/master.m3u8</c>, <c>{streamId}/{rung}/index.m3u8</c>, <c>{streamId}/{rung}/{segment file}</c>.</item>
/// <item>Archive: <c>{yyyy}/{MM}/{dd}/{flightId}/</c> then <c>{streamId}/{rung}/{segment file}</c>,
/// <c>{streamId}/{rung}/index.m3u8</c> (event playlists), <c>{streamId}/master.m3u8</c>, sidecars
/// (<c>track.geojson</c>, <c>track.gpx</c>, <c>{streamId}/subtitles.vtt</c>, <c>{streamId}/subtitles.srt</c>),
/// <c>telemetry.tlog</c> and <c>flight.json</c>.</item>
/// </list>
/// Segment blobs keep the file name the video stage gave them in the spool (it writes <c>{sequence}.ts</c>),
/// so the playlists it renders resolve unchanged, relative to their own folder.
/// </summary>
public static class BlobLayout
{
    /// <summary>The flight manifest's name inside the flight folder.</summary>
    public const string ManifestName = "flight.json";

    /// <summary>Live name of a segment.</summary>
    public static string LiveSegment(StreamId stream, string rung, string fileName) => $"{stream}/{Safe(rung, nameof(rung))}/{Safe(fileName, nameof(fileName))}";

    /// <summary>Live name of a playlist given relative to the stream folder (<c>master.m3u8</c>, <c>720p/index.m3u8</c>).</summary>
    public static string LivePlaylist(StreamId stream, string relativeName) => $"{stream}/{SafeRelative(relativeName)}";

    /// <summary>The UTC day a flight is filed under: the date in its id when it has one, else <paramref name="fallbackUtc"/>'s.</summary>
    public static DateOnly ArchiveDate(FlightId flight, DateTimeOffset fallbackUtc)
    {
        var id = flight.Value;
        var digits = id.StartsWith("ground-", StringComparison.Ordinal) ? id.AsSpan(7) : id.AsSpan();
        if (digits.Length >= 8 && DateOnly.TryParseExact(digits[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        return DateOnly.FromDateTime(fallbackUtc.UtcDateTime);
    }

    /// <summary>The archive folder of a flight, ending in '/'.</summary>
    public static string FlightPrefix(FlightId flight, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date:yyyy}/{date:MM}/{date:dd}/{flight}/");

    /// <summary>Archive name of a segment.</summary>
    public static string ArchiveSegment(string flightPrefix, StreamId stream, string rung, string fileName) =>
        $"{flightPrefix}{stream}/{Safe(rung, nameof(rung))}/{Safe(fileName, nameof(fileName))}";

    /// <summary>Archive name of an event playlist given relative to the stream folder.</summary>
    public static string ArchivePlaylist(string flightPrefix, StreamId stream, string relativeName) => $"{flightPrefix}{stream}/{SafeRelative(relativeName)}";

    /// <summary>Archive name of a per-flight file given relative to the flight folder (<c>track.gpx</c>, <c>v1-cam0/subtitles.vtt</c>).</summary>
    public static string ArchiveFlightFile(string flightPrefix, string relativeName) => flightPrefix + SafeRelative(relativeName);

    /// <summary>The flight id in an archive blob name (<c>yyyy/MM/dd/{flight}/...</c>), or null when the name is not in the layout.</summary>
    public static string? FlightOf(string archiveBlobName)
    {
        ArgumentNullException.ThrowIfNull(archiveBlobName);
        var parts = archiveBlobName.Split('/');
        return parts.Length >= 5 ? parts[3] : null;
    }

    /// <summary>The flight folder of an archive blob name (<c>yyyy/MM/dd/{flight}/</c>), or null.</summary>
    public static string? FlightPrefixOf(string archiveBlobName)
    {
        ArgumentNullException.ThrowIfNull(archiveBlobName);
        var parts = archiveBlobName.Split('/');
        return parts.Length >= 5 ? string.Join('/', parts[..4]) + "/" : null;
    }

    private static string Safe(string part, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(part, what);
        if (part is "." or ".." || part.Any(c => c is '/' or '\\' or '?' or '#' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{part}' cannot be part of a blob name ({what}).", what);
        }
        return part;
    }

    private static string SafeRelative(string relative)
    {
        ArgumentException.ThrowIfNullOrEmpty(relative);
        return string.Join('/', relative.Split('/').Select(p => Safe(p, "relative name")));
    }
}
