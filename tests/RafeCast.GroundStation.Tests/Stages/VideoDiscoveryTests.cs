using RafeCast.GroundStation.Stages.Internal;

namespace RafeCast.GroundStation.Tests.Stages;

public sealed class VideoDiscoveryTests
{
    [Theory]
    [InlineData("udp://127.0.0.1:5601", "udp://127.0.0.1:5601")]
    [InlineData("udp://0.0.0.0:5600", "udp://0.0.0.0:5600")]
    [InlineData("udp://192.168.1.20:5600", "udp://0.0.0.0:5600")]
    [InlineData("rtsp://192.168.1.20:8554/live", "rtsp://192.168.1.20:8554/live")]
    [InlineData("srt://127.0.0.1:9000?mode=listener", "srt://127.0.0.1:9000?mode=listener")]
    [InlineData("rtmp://192.168.1.20/live/cam", "rtmp://192.168.1.20/live/cam")]
    [InlineData("http://192.168.1.20:8080/cam.ts", "http://192.168.1.20:8080/cam.ts")]
    [InlineData("tcp://192.168.1.20:5000", "tcp://192.168.1.20:5000")]
    public void ListenUrl_AdvertisedUri_IsWhereTheStationReceivesIt(string advertised, string expected)
    {
        Assert.Equal(expected, VideoDiscoveryStage.ListenUrl(advertised));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a uri")]
    [InlineData("udp://127.0.0.1")]
    public void ListenUrl_UnusableUri_IsNull(string advertised)
    {
        Assert.Null(VideoDiscoveryStage.ListenUrl(advertised));
        Assert.Null(VideoDiscoveryStage.RefusedScheme(advertised));
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("/var/lib/rafecast/cam.sdp", "file")]
    [InlineData("concat:/etc/passwd|/etc/hosts", "concat")]
    [InlineData("crypto+file:///etc/passwd", "crypto+file")]
    [InlineData("FILE:///etc/passwd", "file")]
    public void ListenUrl_LocalOrNonNetworkScheme_IsRefused(string advertised, string scheme)
    {
        Assert.Null(VideoDiscoveryStage.ListenUrl(advertised));
        Assert.Equal(scheme, VideoDiscoveryStage.RefusedScheme(advertised));
    }

    [Theory]
    [InlineData("udp://127.0.0.1:5601")]
    [InlineData("RTSP://192.168.1.20:8554/live")]
    [InlineData("srt://127.0.0.1:9000?mode=listener")]
    public void RefusedScheme_NetworkStream_IsNull(string advertised)
    {
        Assert.Null(VideoDiscoveryStage.RefusedScheme(advertised));
    }
}
