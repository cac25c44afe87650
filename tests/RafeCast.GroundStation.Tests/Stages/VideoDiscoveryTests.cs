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
    }
}
