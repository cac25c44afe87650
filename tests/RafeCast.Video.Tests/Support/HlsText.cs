using System.Globalization;

namespace RafeCast.Video.Tests.Support;

/// <summary>A small, strict reader of media playlists for assertions (RFC 8216 §4).</summary>
internal sealed record HlsText(IReadOnlyDictionary<string, string> Tags, IReadOnlyList<HlsText.Segment> Segments, bool Ended, long MediaSequence)
{
    public sealed record Segment(string Uri, double Duration, DateTimeOffset ProgramDateTime, bool Discontinuity, IReadOnlyList<string> Extra);

    public static HlsText Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("#EXTM3U", lines[0]);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var segments = new List<Segment>();
        var ended = false;
        double? duration = null;
        DateTimeOffset? pdt = null;
        var discontinuity = false;
        var extra = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                duration = double.Parse(line["#EXTINF:".Length..].TrimEnd(','), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("#EXT-X-PROGRAM-DATE-TIME:", StringComparison.Ordinal))
            {
                pdt = DateTimeOffset.Parse(line["#EXT-X-PROGRAM-DATE-TIME:".Length..], CultureInfo.InvariantCulture);
            }
            else if (line == "#EXT-X-DISCONTINUITY")
            {
                discontinuity = true;
            }
            else if (line == "#EXT-X-ENDLIST")
            {
                ended = true;
            }
            else if (line.StartsWith("#EXT-X-DATERANGE", StringComparison.Ordinal))
            {
                extra.Add(line);
            }
            else if (line.StartsWith('#'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                tags[colon < 0 ? line[1..] : line[1..colon]] = colon < 0 ? "" : line[(colon + 1)..];
            }
            else
            {
                Assert.True(duration is not null, $"{line} has no EXTINF.");
                Assert.True(pdt is not null, $"{line} has no EXT-X-PROGRAM-DATE-TIME.");
                segments.Add(new Segment(line, duration.Value, pdt.Value, discontinuity, [.. extra]));
                duration = null;
                pdt = null;
                discontinuity = false;
                extra.Clear();
            }
        }
        var sequence = long.Parse(tags["EXT-X-MEDIA-SEQUENCE"], CultureInfo.InvariantCulture);
        return new HlsText(tags, segments, ended, sequence);
    }
}
