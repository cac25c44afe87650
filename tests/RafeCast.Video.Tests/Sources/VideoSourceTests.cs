using RafeCast.Video.Sources;

namespace RafeCast.Video.Tests.Sources;

public sealed class VideoSourceTests
{
    [Fact]
    public void Parse_Udp_AddsFifoAndNonFatalOverruns()
    {
        var source = VideoSource.Parse("udp://0.0.0.0:5600");

        Assert.Equal(VideoSourceKind.UdpMpegTs, source.Kind);
        Assert.Equal("udp://0.0.0.0:5600?fifo_size=100000&overrun_nonfatal=1&buffer_size=4194304", source.InputArguments[^1]);
    }

    [Fact]
    public void Parse_Rtsp_SetsTransportAndTimeoutInMicroseconds()
    {
        var source = VideoSource.Parse("rtsp://camera.local/stream", new VideoSourceSettings { RtspTransport = "udp", RtspTimeoutSeconds = 3 });

        Assert.Equal(VideoSourceKind.Rtsp, source.Kind);
        Assert.Equal(["-rtsp_transport", "udp", "-timeout", "3000000", "-i", "rtsp://camera.local/stream"], source.InputArguments.TakeLast(6));
    }

    [Fact]
    public void Parse_SrtWithSettings_AddsLatencyInMicrosecondsAndPassphrase_AndRedactsIt()
    {
        var source = VideoSource.Parse("srt://0.0.0.0:9000?mode=listener", new VideoSourceSettings { SrtLatencyMilliseconds = 200, SrtPassphrase = "0123456789ab" });

        Assert.Equal(VideoSourceKind.Srt, source.Kind);
        Assert.Equal("srt://0.0.0.0:9000?mode=listener&latency=200000&passphrase=0123456789ab", source.InputArguments[^1]);
        Assert.Equal("srt://x:1?passphrase=***&latency=1", VideoSource.Redact("srt://x:1?passphrase=secret&latency=1"));
    }

    [Fact]
    public void Parse_Rtmp_Listens()
    {
        var source = VideoSource.Parse("rtmp://0.0.0.0:1935/live/drone");

        Assert.Equal(VideoSourceKind.RtmpListen, source.Kind);
        Assert.Equal(["-listen", "1", "-i", "rtmp://0.0.0.0:1935/live/drone"], source.InputArguments.TakeLast(4));
    }

    [Fact]
    public void Parse_BareRtp_AsksForTheSdp()
    {
        var error = Assert.Throws<ArgumentException>(() => VideoSource.Parse("rtp://0.0.0.0:5600"));

        Assert.Contains("SDP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingFile_NamesThePath()
    {
        var error = Assert.Throws<FileNotFoundException>(() => VideoSource.Parse("/nowhere/flight.ts"));

        Assert.Contains("/nowhere/flight.ts", error.Message, StringComparison.Ordinal);
    }
}
