using System.Globalization;

namespace RafeCast.Cli.Commands.Tag;

/// <summary>One media segment of an HLS playlist placed in wall time.</summary>
/// <param name="Uri">The segment's URI as written in the playlist.</param>
/// <param name="StartUtc">Wall time of its first frame (from EXT-X-PROGRAM-DATE-TIME).</param>
/// <param name="Duration">Its EXTINF duration.</param>
internal sealed record PlaylistSegment(string Uri, DateTimeOffset StartUtc, TimeSpan Duration)
{
    public DateTimeOffset EndUtc => StartUtc + Duration;
}

/// <summary>
/// Reads the segments of an HLS media playlist (RFC 8216 §4.3) and places them in wall time: a segment
/// after EXT-X-PROGRAM-DATE-TIME starts at that date, the next ones follow by their EXTINF durations,
/// and segments before the first date are placed backwards from it (RFC 8216 §6.2.1 lets clients
/// extrapolate). A playlist without any date cannot be placed and is an error.
/// </summary>
internal static class HlsPlaylistReader
{
    public static IReadOnlyList<PlaylistSegment> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != "#EXTM3U")
        {
            throw new FormatException($"{path} is not an HLS playlist: it does not start with #EXTM3U.");
        }
        var pending = new List<(string Uri, DateTimeOffset? Date, TimeSpan Duration)>();
        DateTimeOffset? date = null;
        TimeSpan? duration = null;
        for (var number = 1; number < lines.Length; number++)
        {
            var line = lines[number].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal))
            {
                throw new FormatException($"{path} is a multivariant (master) playlist; pass the media playlist of one rendition.");
            }
            if (line.StartsWith("#EXT-X-PROGRAM-DATE-TIME:", StringComparison.Ordinal))
            {
                var text = line["#EXT-X-PROGRAM-DATE-TIME:".Length..];
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    throw new FormatException($"{path} line {number + 1}: '{text}' is not an ISO-8601 date-time.");
                }
                date = parsed.ToUniversalTime();
            }
            else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                var text = line["#EXTINF:".Length..].Split(',')[0];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                {
                    throw new FormatException($"{path} line {number + 1}: EXTINF duration '{text}' is not a number of seconds.");
                }
                duration = TimeSpan.FromSeconds(seconds);
            }
            else if (!line.StartsWith('#'))
            {
                if (duration is not { } extinf)
                {
                    throw new FormatException($"{path} line {number + 1}: segment '{line}' has no #EXTINF before it.");
                }
                pending.Add((line, date, extinf));
                date = null;
                duration = null;
            }
        }

        var firstDated = pending.FindIndex(s => s.Date is not null);
        if (firstDated < 0)
        {
            throw new FormatException($"{path} has no #EXT-X-PROGRAM-DATE-TIME, so its segments cannot be placed in time.");
        }
        var segments = new PlaylistSegment[pending.Count];
        var start = pending[firstDated].Date!.Value;
        for (var i = firstDated - 1; i >= 0; i--)
        {
            start -= pending[i].Duration;
        }
        for (var i = 0; i < pending.Count; i++)
        {
            if (pending[i].Date is { } explicitStart)
            {
                start = explicitStart;
            }
            segments[i] = new PlaylistSegment(pending[i].Uri, start, pending[i].Duration);
            start += pending[i].Duration;
        }
        return segments;
    }
}
