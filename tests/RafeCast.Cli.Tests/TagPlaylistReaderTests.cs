using RafeCast.Cli.Commands.Tag;
using RafeCast.Testing;

namespace RafeCast.Cli.Tests;

public sealed class TagPlaylistReaderTests
{
    private static IReadOnlyList<PlaylistSegment> Read(params string[] lines)
    {
        using var directory = new TempDirectory("playlist");
        var path = directory.Combine("media.m3u8");
        File.WriteAllLines(path, lines);
        return HlsPlaylistReader.Read(path);
    }

    [Fact]
    public void Read_DatesAndDurations_PlaceEverySegment()
    {
        var segments = Read("#EXTM3U", "#EXT-X-TARGETDURATION:2",
            "#EXTINF:2.0,", "a.ts",
            "#EXT-X-PROGRAM-DATE-TIME:2026-11-26T10:30:02.000+00:00", "#EXTINF:2.0,", "b.ts",
            "#EXTINF:1.5,", "c.ts",
            "#EXT-X-DISCONTINUITY", "#EXT-X-PROGRAM-DATE-TIME:2026-11-26T10:31:00Z", "#EXTINF:2,", "d.ts?token=1");

        var start = new DateTimeOffset(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);
        Assert.Equal(["a.ts", "b.ts", "c.ts", "d.ts?token=1"], segments.Select(s => s.Uri));
        Assert.Equal([start, start.AddSeconds(2), start.AddSeconds(4), start.AddSeconds(60)], segments.Select(s => s.StartUtc));
        Assert.Equal(start.AddSeconds(5.5), segments[2].EndUtc);
    }

    [Theory]
    [InlineData("not a playlist", "does not start with #EXTM3U")]
    [InlineData("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n720p.m3u8", "multivariant (master) playlist")]
    [InlineData("#EXTM3U\n#EXTINF:2,\na.ts", "no #EXT-X-PROGRAM-DATE-TIME")]
    [InlineData("#EXTM3U\n#EXT-X-PROGRAM-DATE-TIME:2026-11-26T10:30:00Z\na.ts", "has no #EXTINF")]
    [InlineData("#EXTM3U\n#EXT-X-PROGRAM-DATE-TIME:yesterday\n#EXTINF:2,\na.ts", "'yesterday' is not an ISO-8601 date-time")]
    public void Read_BadPlaylist_SaysWhatIsWrong(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Read(text.Split('\n')));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
