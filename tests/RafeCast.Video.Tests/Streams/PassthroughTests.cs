using RafeCast.Testing;
using RafeCast.Video.Ladder;
using RafeCast.Video.Streams;
using RafeCast.Video.Tests.Support;

namespace RafeCast.Video.Tests.Streams;

public sealed class PassthroughTests
{
    [Fact]
    public async Task RunAsync_PassthroughLadder_CopiesTheSourceVideoWithoutReencoding()
    {
        using var temp = new TempDirectory("rafecast-video");
        var source = temp.Combine("source.ts");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=48000",
            "-t", "8", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-profile:v", "high", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mpegts", source);
        await using var harness = new StreamHarness(temp.Combine("stream"), source, RenditionLadder.Parse("passthrough"));

        await harness.Run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(VideoStreamState.Ended, harness.Stream.Status.State);
        var segments = harness.Publisher.SegmentsOf("source").Select(s => s.Segment).ToList();
        Assert.Equal(4, segments.Count);
        Assert.All(segments.SkipLast(1), s => Assert.InRange(s.Duration.TotalSeconds, 1.95, 2.05));

        // Codec parameters: the same stream description...
        var sourceStream = await Tool.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,profile,level,width,height,pix_fmt,has_b_frames,extradata_hash", "-show_data_hash", "md5", "-of", "csv=p=0", source);
        foreach (var segment in segments)
        {
            var copied = await Tool.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,profile,level,width,height,pix_fmt,has_b_frames,extradata_hash", "-show_data_hash", "md5", "-of", "csv=p=0", segment.Path);
            Assert.Equal(sourceStream, copied);
        }
        // ...and the very same packets, byte for byte.
        var sourcePackets = await PacketHashesAsync(source);
        var copiedPackets = new List<string>();
        foreach (var segment in segments)
        {
            copiedPackets.AddRange(await PacketHashesAsync(segment.Path));
        }
        Assert.Equal(240, sourcePackets.Count);
        Assert.Equal(sourcePackets, copiedPackets);
    }

    private static async Task<List<string>> PacketHashesAsync(string path)
    {
        var csv = await Tool.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=size,data_hash", "-show_data_hash", "md5", "-of", "csv=p=0", path);
        return [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("MD5:", StringComparison.Ordinal)).Select(l => l[l.IndexOf("MD5:", StringComparison.Ordinal)..])];
    }
}
