using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Camera;
using RafeCast.Simulator.Vehicles;
using RafeCast.Testing;

namespace RafeCast.Simulator.Tests.Camera;

public sealed class CameraCommandTests
{
    [Theory]
    [InlineData("udp://127.0.0.1:5601", 1, "udp://127.0.0.1:5601")]
    [InlineData("udp://127.0.0.1:5601", 3, "udp://127.0.0.1:5603")]
    [InlineData("srt://10.0.0.5:9000?mode=caller&latency=200000", 2, "srt://10.0.0.5:9001?mode=caller&latency=200000")]
    [InlineData("udp://239.0.0.1:6000?ttl=2", 4, "udp://239.0.0.1:6003?ttl=2")]
    public void UrlFor_MovesThePortUpBySystemId(string url, byte systemId, string expected)
    {
        Assert.Equal(expected, new CameraOptions { Url = url }.UrlFor(systemId));
    }

    [Theory]
    [InlineData("rtmp://host/live", "must be udp://HOST:PORT or srt://HOST:PORT")]
    [InlineData("udp://127.0.0.1", "names no port")]
    [InlineData("not a url", "must be udp://HOST:PORT")]
    public void UrlFor_BadUrl_SaysWhy(string url, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new CameraOptions { Url = url }.UrlFor(1));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_StampsFramesWithTheWallClockAndReloadsTheOverlay()
    {
        var args = CameraCommand.Build(new CameraOptions(), "udp://127.0.0.1:5601", "/tmp/cam/camera-1.txt");

        var graph = args[args.ToList().IndexOf("-vf") + 1];
        // The wall-clock stamp comes first, so the clock strip (on by default) and the text both print it.
        Assert.StartsWith("realtime,settb=AVTB,setpts=RTCTIME,", graph, StringComparison.Ordinal);
        Assert.Contains("[main][strip]overlay=0:0,drawtext=textfile=/tmp/cam/camera-1.txt:reload=1:expansion=normal:", graph, StringComparison.Ordinal);
        Assert.EndsWith("setpts=RTCTIME-RTCSTART,format=yuv420p", graph, StringComparison.Ordinal);
        Assert.Contains("testsrc2=size=640x360:rate=25", args);
        Assert.Equal(["-f", "mpegts", "udp://127.0.0.1:5601?pkt_size=1316"], args.TakeLast(3));
        Assert.Equal("25", args[args.ToList().IndexOf("-g") + 1]);
        Assert.Equal("0", args[args.ToList().IndexOf("-bf") + 1]);
    }

    [Fact]
    public void Build_Srt_KeepsTheUrlAsGiven()
    {
        var args = CameraCommand.Build(new CameraOptions(), "srt://127.0.0.1:9000?mode=caller", "/tmp/o.txt");

        Assert.Equal("srt://127.0.0.1:9000?mode=caller", args[^1]);
    }

    [Fact]
    public void EscapeOptionValue_EscapesForTheOptionThenTheGraphParser()
    {
        // As in ffmpeg-filters "Notes on filtergraph escaping": ':' gets a backslash for the option parser,
        // and that backslash one more for the graph parser; ',' only matters to the graph parser.
        Assert.Equal(@"C\\:/x", CameraCommand.EscapeOptionValue("C:/x"));
        Assert.Equal(@"a\,b", CameraCommand.EscapeOptionValue("a,b"));
        Assert.Equal("/plain/path.txt", CameraCommand.EscapeOptionValue("/plain/path.txt"));
    }

    [Fact]
    public void Overlay_RendersTheTimeLineThenTheVehicle()
    {
        var snapshot = new VehicleSnapshot(2, DateTimeOffset.UnixEpoch, TimeSpan.Zero,
            new GeoPosition(-35.3632611, 149.1652299, 614.2, 30.2), new GeoPosition(-35.3632610, 149.16523, 584, 0),
            5.04, 0, 92.4, 0, 0, true, CopterMode.Auto, MavLandedState.InAir, 16.1, 87.4, 500, 4, 2, null, null, true);

        var lines = OverlayText.Render(snapshot).Split('\n');

        Assert.Equal(CameraCommand.TimeLine, lines[0]);
        Assert.Equal("VEHICLE 2  AUTO  ARMED", lines[1]);
        Assert.Equal("LAT -35.3632611  LON 149.1652299", lines[2]);
        Assert.Equal(@"ALT 30.2 m  HDG 092  GS 5.0 m/s  BAT 87\%", lines[3]);
    }

    [Fact]
    public void Overlay_Write_ReplacesTheFileWholeAndLeavesNoTemporary()
    {
        using var dir = new TempDirectory("overlay");
        var overlay = new OverlayText(dir.Combine("camera-1.txt"));
        var first = new VehicleSnapshot(1, DateTimeOffset.UnixEpoch, TimeSpan.Zero, new GeoPosition(-35, 149, 584, 0), new GeoPosition(-35, 149, 584, 0),
            0, 0, 0, 0, 0, false, CopterMode.Stabilize, MavLandedState.OnGround, 16.8, 100, 0, 0, 0, null, null, false);

        overlay.Write(first);
        var written = File.GetLastWriteTimeUtc(overlay.Path);
        overlay.Write(first with { TimeUtc = DateTimeOffset.UnixEpoch.AddSeconds(1) });
        overlay.Write(first with { Armed = true });

        Assert.Contains("ARMED", File.ReadAllText(overlay.Path), StringComparison.Ordinal);
        Assert.Equal([overlay.Path], Directory.GetFiles(dir.Path));
        Assert.True(File.GetLastWriteTimeUtc(overlay.Path) >= written);
    }
}
