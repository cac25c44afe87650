using RafeCast.Video.Hls;
using RafeCast.Video.Tests.Support;

namespace RafeCast.Video.Tests.Hls;

public sealed class HlsMediaPlaylistTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static HlsMediaPlaylist WithSegments(int count, int window = 3, params long[] discontinuities)
    {
        var playlist = new HlsMediaPlaylist(TimeSpan.FromSeconds(2), window);
        for (var i = 0; i < count; i++)
        {
            playlist.Append(new HlsSegmentEntry(i, $"{i:D6}.ts", TimeSpan.FromSeconds(2), T0.AddSeconds(2 * i), discontinuities.Contains(i)));
        }
        return playlist;
    }

    [Fact]
    public void Render_Event_ListsEverySegmentWithProgramDateTimeAndType()
    {
        var text = WithSegments(5).Render(HlsPlaylistView.Event);

        var parsed = HlsText.Parse(text);
        Assert.Equal(5, parsed.Segments.Count);
        Assert.Equal("EVENT", parsed.Tags["EXT-X-PLAYLIST-TYPE"]);
        Assert.Equal("2", parsed.Tags["EXT-X-TARGETDURATION"]);
        Assert.Equal(0, parsed.MediaSequence);
        Assert.Equal(T0.AddSeconds(8), parsed.Segments[4].ProgramDateTime);
        Assert.Contains("#EXT-X-PROGRAM-DATE-TIME:2026-05-01T12:00:08.000Z\n", text, StringComparison.Ordinal);
        Assert.False(parsed.Ended);
    }

    [Fact]
    public void Render_Live_SlidesTheWindowAndCountsDiscontinuitiesThatLeftIt()
    {
        var playlist = WithSegments(6, 3, 1, 4);

        var parsed = HlsText.Parse(playlist.Render(HlsPlaylistView.Live));

        Assert.Equal(["000003.ts", "000004.ts", "000005.ts"], parsed.Segments.Select(s => s.Uri));
        Assert.Equal(3, parsed.MediaSequence);
        Assert.Equal("1", parsed.Tags["EXT-X-DISCONTINUITY-SEQUENCE"]);
        Assert.Equal([false, true, false], parsed.Segments.Select(s => s.Discontinuity));
        Assert.False(parsed.Tags.ContainsKey("EXT-X-PLAYLIST-TYPE"));
    }

    [Fact]
    public void Render_WithAvailability_StopsBeforeTheFirstUnavailableSegment()
    {
        var playlist = WithSegments(5);
        playlist.End();

        var parsed = HlsText.Parse(playlist.Render(HlsPlaylistView.Event, sequence => sequence != 3));

        Assert.Equal(3, parsed.Segments.Count);
        Assert.False(parsed.Ended);
    }

    [Fact]
    public void AddExtraTags_DateRange_IsWrittenBeforeItsSegment()
    {
        var playlist = WithSegments(3);
        var range = new HlsDateRange("dome-1-enter", T0.AddSeconds(3), T0.AddSeconds(5), "org.rafecast.dome", new Dictionary<string, string> { ["X-DOME"] = "harbour" });

        Assert.True(playlist.AddExtraTags(1, [range.ToTagLine()]));
        Assert.False(playlist.AddExtraTags(9, [range.ToTagLine()]));

        var parsed = HlsText.Parse(playlist.Render(HlsPlaylistView.Event));
        var tag = Assert.Single(parsed.Segments[1].Extra);
        Assert.Equal("#EXT-X-DATERANGE:ID=\"dome-1-enter\",CLASS=\"org.rafecast.dome\",START-DATE=\"2026-05-01T12:00:03.000Z\",END-DATE=\"2026-05-01T12:00:05.000Z\",DURATION=2.000,X-DOME=\"harbour\"", tag);
    }

    [Fact]
    public void AddExtraTags_NotATagLine_IsRejectedWithTheTagInTheMessage()
    {
        var playlist = WithSegments(1);

        var error = Assert.Throws<ArgumentException>(() => playlist.AddExtraTags(0, ["#EXT-X-DATERANGE:ID=\"a\"\n#EXTINF:1,"]));

        Assert.Contains("one whole tag line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_SequenceNotIncreasing_Throws()
    {
        var playlist = WithSegments(2);

        Assert.Throws<ArgumentException>(() => playlist.Append(new HlsSegmentEntry(1, "x.ts", TimeSpan.FromSeconds(2), T0)));
    }

    [Fact]
    public void Append_LongerSegment_RaisesTheTargetDuration()
    {
        var playlist = WithSegments(1);

        playlist.Append(new HlsSegmentEntry(1, "000001.ts", TimeSpan.FromSeconds(3.6), T0.AddSeconds(2)));

        Assert.Equal(4, playlist.TargetDurationSeconds);
    }

    [Fact]
    public void End_AddsEndList()
    {
        var playlist = WithSegments(2);
        playlist.End();

        Assert.EndsWith("#EXT-X-ENDLIST\n", playlist.Render(HlsPlaylistView.Live), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => playlist.Append(new HlsSegmentEntry(5, "x.ts", TimeSpan.FromSeconds(2), T0)));
    }

    [Fact]
    public void Render_Master_ListsVariantsHighestFirst()
    {
        var master = new HlsMasterPlaylist(
        [
            new HlsVariant("360p/live.m3u8", 900_000, 800_000, 640, 360, "avc1.4d401e,mp4a.40.2"),
            new HlsVariant("720p/live.m3u8", 3_100_000, null, 1280, 720, "avc1.64001f,mp4a.40.2", 30),
        ]);

        var lines = master.Render().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("#EXTM3U", lines[0]);
        Assert.Equal("#EXT-X-STREAM-INF:BANDWIDTH=3100000,RESOLUTION=1280x720,CODECS=\"avc1.64001f,mp4a.40.2\",FRAME-RATE=30.000", lines[3]);
        Assert.Equal("720p/live.m3u8", lines[4]);
        Assert.Equal("#EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=800000,RESOLUTION=640x360,CODECS=\"avc1.4d401e,mp4a.40.2\"", lines[5]);
    }
}
