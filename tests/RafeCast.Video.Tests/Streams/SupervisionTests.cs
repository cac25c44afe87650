using System.Diagnostics;
using RafeCast.Core.Video;
using RafeCast.Testing;
using RafeCast.Video.Streams;
using RafeCast.Video.Tests.Support;

namespace RafeCast.Video.Tests.Streams;

public sealed class SupervisionTests
{
    [Fact]
    public async Task RunAsync_InputKilledAndRestarted_RecordsGapAndMarksDiscontinuity()
    {
        using var temp = new TempDirectory("rafecast-video");
        var port = FreePort.Udp();
        await using var harness = new StreamHarness(temp.Combine("stream"), StreamHarness.Udp(port), StreamHarness.OneRung, inputTimeoutSeconds: 1.5);
        await Eventually.Until(() => Sockets.UdpBound(port), TimeSpan.FromSeconds(30), "ffmpeg to bind the UDP port");
        var target = $"udp://127.0.0.1:{port}?pkt_size=1316";

        await using (var first = ClockSender.Start(["-f", "mpegts", target], audio: false))
        {
            await harness.WaitForSegmentsAsync("r90", 2);
            first.Kill();
            await first.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        }
        // The silent input is noticed and ffmpeg restarted (it then waits for the sender to come back).
        await Eventually.Until(() => harness.Stream.Status.Runs >= 2 && harness.Stream.Status.State == VideoStreamState.Running, TimeSpan.FromSeconds(30), "the ingest to restart");
        var before = harness.Publisher.SegmentsOf("r90").Count;

        await using (ClockSender.Start(["-f", "mpegts", target], audio: false))
        {
            await Eventually.Until(() => harness.Publisher.SegmentsOf("r90").Count >= before + 2, TimeSpan.FromSeconds(60), "segments after the restart");
        }
        await harness.StopAsync();

        var gap = Assert.Single(harness.Publisher.Gaps).Gap;
        Assert.Equal(StreamInterruptionReason.InputLost, gap.Reason);
        var segments = harness.Publisher.SegmentsOf("r90").Select(s => s.Segment).ToList();
        var resumed = segments.First(s => s.Discontinuity);
        Assert.Equal(segments[before].Sequence, resumed.Sequence);
        Assert.Equal(1, segments.Count(s => s.Discontinuity));
        Assert.Equal(segments[before - 1].EndUtc, gap.StartUtc);
        Assert.Equal(resumed.StartUtc, gap.EndUtc);
        Assert.True(gap.EndUtc > gap.StartUtc.AddSeconds(1), $"The gap {gap.StartUtc:O}..{gap.EndUtc:O} is shorter than the outage.");
        // Numbering continues: strictly increasing across the restart, nothing overwritten.
        Assert.True(segments.Zip(segments.Skip(1)).All(p => p.Second.Sequence > p.First.Sequence));
        Assert.All(segments, s => Assert.Equal(s.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(s.Path)))));

        var playlist = HlsText.Parse(File.ReadAllText(Path.Combine(harness.Directory, "r90", "event.m3u8")));
        Assert.Equal(segments.Count, playlist.Segments.Count);
        var marked = Assert.Single(playlist.Segments, s => s.Discontinuity);
        Assert.Equal($"{resumed.Sequence:D6}.ts", marked.Uri);
        Assert.True(playlist.Segments.Zip(playlist.Segments.Skip(1)).All(p => p.Second.ProgramDateTime > p.First.ProgramDateTime));
    }

    [Fact]
    public async Task RunAsync_FfmpegKilled_RestartsWithinFiveSeconds()
    {
        using var temp = new TempDirectory("rafecast-video");
        var port = FreePort.Udp();
        await using var harness = new StreamHarness(temp.Combine("stream"), StreamHarness.Udp(port), StreamHarness.OneRung, inputTimeoutSeconds: 3);
        await Eventually.Until(() => Sockets.UdpBound(port), TimeSpan.FromSeconds(30), "ffmpeg to bind the UDP port");
        await using var sender = ClockSender.Start(["-f", "mpegts", $"udp://127.0.0.1:{port}?pkt_size=1316"], audio: false);
        await harness.WaitForSegmentsAsync("r90", 1);
        var pid = harness.Stream.Status.ProcessId!.Value;

        using (var victim = Process.GetProcessById(pid))
        {
            victim.Kill();
        }
        var killed = Stopwatch.StartNew();
        await Eventually.Until(() => harness.Stream.Status is { State: VideoStreamState.Running, ProcessId: { } p } && p != pid, TimeSpan.FromSeconds(30), "a new ffmpeg");
        var restartedAfter = killed.Elapsed;
        var before = harness.Publisher.SegmentsOf("r90").Count;
        await Eventually.Until(() => harness.Publisher.SegmentsOf("r90").Count > before, TimeSpan.FromSeconds(60), "a segment from the new ffmpeg");
        await harness.StopAsync();

        Assert.True(restartedAfter < TimeSpan.FromSeconds(5), $"ffmpeg came back after {restartedAfter.TotalSeconds:F1} s.");
        var gap = Assert.Single(harness.Publisher.Gaps).Gap;
        Assert.Equal(StreamInterruptionReason.ProcessExited, gap.Reason);
        Assert.True(harness.Publisher.SegmentsOf("r90")[before].Segment.Discontinuity);
    }
}
