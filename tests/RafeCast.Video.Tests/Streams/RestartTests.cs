using RafeCast.Core.Video;
using RafeCast.Testing;
using RafeCast.Video.Sources;
using RafeCast.Video.Tests.Support;

namespace RafeCast.Video.Tests.Streams;

public sealed class RestartTests
{
    [Fact]
    public async Task RunAsync_RafeCastRestartedOnTheSameSpool_ContinuesNumberingAndKeepsTheArchivePlaylist()
    {
        using var temp = new TempDirectory("rafecast-video");
        var source = temp.Combine("source.ts");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=30", "-t", "4",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30", "-f", "mpegts", source);
        var directory = temp.Combine("stream");
        var realtime = new VideoSourceSettings { FileRealtime = true };

        await using (var first = new StreamHarness(directory, source, StreamHarness.OneRung, sourceSettings: realtime))
        {
            await first.Run.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(2, first.Publisher.SegmentsOf("r90").Count);
        }
        await using var second = new StreamHarness(directory, source, StreamHarness.OneRung, sourceSettings: realtime);
        await second.Run.WaitAsync(TimeSpan.FromSeconds(60));

        var resumed = second.Publisher.SegmentsOf("r90").Select(s => s.Segment).ToList();
        Assert.Equal([2L, 3L], resumed.Select(s => s.Sequence));
        Assert.True(resumed[0].Discontinuity);
        Assert.Equal(StreamInterruptionReason.Restarted, Assert.Single(second.Publisher.Gaps).Gap.Reason);
        var archive = HlsText.Parse(File.ReadAllText(Path.Combine(directory, "r90", "event.m3u8")));
        Assert.Equal(["000000.ts", "000001.ts", "000002.ts", "000003.ts"], archive.Segments.Select(s => s.Uri));
        Assert.Equal([false, false, true, false], archive.Segments.Select(s => s.Discontinuity));
        Assert.Contains("r90/live.m3u8", File.ReadAllText(Path.Combine(directory, "master.m3u8")), StringComparison.Ordinal);
    }
}
