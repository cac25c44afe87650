using RafeCast.Testing;
using RafeCast.Video.Sources;
using RafeCast.Video.Tests.Support;

namespace RafeCast.Video.Tests.Streams;

/// <summary>Each network source kind, with a real ffmpeg as the sender on 127.0.0.1 and 1 s segments.</summary>
public sealed class SourceTests
{
    [Fact]
    public async Task RunAsync_SrtListenerWithLatencyAndPassphrase_ClosesSegments()
    {
        using var temp = new TempDirectory("rafecast-video");
        var port = FreePort.Udp();
        const string passphrase = "rafecast-secret-42";
        await using var harness = new StreamHarness(temp.Combine("stream"), $"srt://127.0.0.1:{port}?mode=listener", StreamHarness.OneRung, segmentSeconds: 1,
            sourceSettings: new VideoSourceSettings { SrtLatencyMilliseconds = 120, SrtPassphrase = passphrase });
        await Eventually.Until(() => Sockets.UdpBound(port), TimeSpan.FromSeconds(30), "the SRT listener");
        await using var sender = ClockSender.Start(["-f", "mpegts", $"srt://127.0.0.1:{port}?mode=caller&latency=120000&passphrase={passphrase}"], audio: false);

        await harness.WaitForSegmentsAsync("r90", 2);

        Assert.All(harness.Publisher.SegmentsOf("r90"), s => Assert.True(s.Segment.SizeBytes > 0));
        var log = await File.ReadAllTextAsync(Path.Combine(harness.Directory, ".ingest", "ffmpeg.log"));
        Assert.DoesNotContain(passphrase, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RtmpListen_ClosesSegmentsFromAPublisher()
    {
        using var temp = new TempDirectory("rafecast-video");
        var port = FreePort.Tcp();
        var url = $"rtmp://127.0.0.1:{port}/live/drone";
        await using var harness = new StreamHarness(temp.Combine("stream"), url, StreamHarness.OneRung, segmentSeconds: 1);
        await Eventually.Until(() => Sockets.TcpListening(port), TimeSpan.FromSeconds(30), "the RTMP listener");
        await using var sender = ClockSender.Start(["-f", "flv", url], audio: true);

        await harness.WaitForSegmentsAsync("r90", 2);

        Assert.All(harness.Publisher.SegmentsOf("r90"), s => Assert.True(s.Segment.SizeBytes > 0));
    }

    [Fact]
    public async Task RunAsync_RtpWithSdp_ClosesSegments()
    {
        using var temp = new TempDirectory("rafecast-video");
        var port = FreePort.Udp() & ~1; // RTP on an even port, RTCP on the next one
        var sdp = temp.Combine("stream.sdp");
        await using var sender = ClockSender.Start(["-f", "rtp", "-sdp_file", sdp, $"rtp://127.0.0.1:{port}"], audio: false);
        await Eventually.Until(() => File.Exists(sdp) && new FileInfo(sdp).Length > 0, TimeSpan.FromSeconds(30), "the sender's SDP");
        await using var harness = new StreamHarness(temp.Combine("stream"), sdp, StreamHarness.OneRung, segmentSeconds: 1);

        await harness.WaitForSegmentsAsync("r90", 2);

        Assert.All(harness.Publisher.SegmentsOf("r90"), s => Assert.True(s.Segment.SizeBytes > 0));
    }

    [Fact]
    public async Task RunAsync_RtspPullOverTcp_ClosesSegments()
    {
        using var temp = new TempDirectory("rafecast-video");
        var rtpPort = FreePort.Udp() & ~1;
        var sdp = temp.Combine("camera.sdp");
        // The camera side: ffmpeg sends RTP to the test's RTSP server, which serves it to RafeCast's pull.
        await using var server = new MiniRtspServer(rtpPort, sdp);
        await using var sender = ClockSender.Start(["-f", "rtp", "-sdp_file", sdp, $"rtp://127.0.0.1:{rtpPort}"], audio: false);
        await Eventually.Until(() => File.Exists(sdp) && new FileInfo(sdp).Length > 0, TimeSpan.FromSeconds(30), "the camera's SDP");
        await using var harness = new StreamHarness(temp.Combine("stream"), server.Url, StreamHarness.OneRung, segmentSeconds: 1,
            sourceSettings: new VideoSourceSettings { RtspTransport = "tcp", RtspTimeoutSeconds = 5 });

        await harness.WaitForSegmentsAsync("r90", 2);

        Assert.True(server.Sessions >= 1);
        Assert.All(harness.Publisher.SegmentsOf("r90"), s => Assert.True(s.Segment.SizeBytes > 0));
    }

    [Fact]
    public async Task RunAsync_SrtCaller_ClosesSegmentsFromAListeningCamera()
    {
        using var temp = new TempDirectory("rafecast-video");
        var port = FreePort.Udp();
        await using var sender = ClockSender.Start(["-f", "mpegts", $"srt://127.0.0.1:{port}?mode=listener&latency=120000"], audio: false);
        await Eventually.Until(() => Sockets.UdpBound(port), TimeSpan.FromSeconds(30), "the camera's SRT listener");
        await using var harness = new StreamHarness(temp.Combine("stream"), $"srt://127.0.0.1:{port}?mode=caller", StreamHarness.OneRung, segmentSeconds: 1,
            sourceSettings: new VideoSourceSettings { SrtLatencyMilliseconds = 120 });

        await harness.WaitForSegmentsAsync("r90", 2);

        Assert.All(harness.Publisher.SegmentsOf("r90"), s => Assert.True(s.Segment.SizeBytes > 0));
    }
}
