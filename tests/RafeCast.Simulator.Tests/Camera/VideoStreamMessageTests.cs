using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Camera;

/// <summary>The camera as MAVLink shows it: VIDEO_STREAM_INFORMATION on request, streaming commands.</summary>
public sealed class VideoStreamMessageTests
{
    private sealed class StandInCamera(byte systemId) : IVehicleCamera
    {
        public string Uri => $"udp://127.0.0.1:{5600 + systemId}";

        public int Width => 640;

        public int Height => 360;

        public float FramesPerSecond => 25;

        public int BitrateKbps => 1000;

        public bool IsStreaming { get; private set; } = true;

        public void RequestStart() => IsStreaming = true;

        public void RequestStop() => IsStreaming = false;
    }

    [Fact]
    public async Task RequestMessage_VideoStreamInformation_AdvertisesTheStreamUri()
    {
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 1, Vehicles = 2 }, cameras: id => new StandInCamera(id));
        var mark = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.RequestMessage, p1: 269, systemId: 2);

        var info = sim.Decode<VideoStreamInformation>(2, mark).Single();
        Assert.Equal(MavResult.Accepted, ack.Result);
        Assert.Equal("udp://127.0.0.1:5602", info.GetUri());
        Assert.Equal(VideoStreamType.MpegTs, info.Type);
        Assert.Equal(VideoStreamEncoding.H264, info.Encoding);
        Assert.True(info.Flags.HasFlag(VideoStreamStatusFlags.Running));
        Assert.Equal(640, info.ResolutionH);
        Assert.Equal(360, info.ResolutionV);
        Assert.Equal(25f, info.Framerate);
        Assert.Equal(1, info.StreamId);
    }

    [Fact]
    public async Task StopAndStartStreaming_DriveTheCameraAndShowInItsStatus()
    {
        StandInCamera? camera = null;
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 1 }, cameras: id => camera = new StandInCamera(id));

        var stop = sim.Command(MavCmd.VideoStopStreaming);
        var mark = sim.Link.Frames.Count;
        sim.Command(MavCmd.RequestMessage, p1: 270);
        var stopped = sim.Decode<VideoStreamStatus>(from: mark).Single();
        var start = sim.Command(MavCmd.VideoStartStreaming);

        Assert.Equal(MavResult.Accepted, stop.Result);
        Assert.False(stopped.Flags.HasFlag(VideoStreamStatusFlags.Running));
        Assert.Equal(MavResult.Accepted, start.Result);
        Assert.True(camera!.IsStreaming);
        Assert.True(sim.Snapshot().VideoStreaming);
    }

    [Fact]
    public async Task RequestCameraInformation_SaysItHasAVideoStream()
    {
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 1 }, cameras: id => new StandInCamera(id));
        var mark = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.RequestCameraInformation);

        var info = sim.Decode<CameraInformation>(from: mark).Single();
        Assert.Equal(MavResult.Accepted, ack.Result);
        Assert.True(info.Flags.HasFlag(CameraCapFlags.HasVideoStream));
        Assert.Equal(640, info.ResolutionH);
    }

    [Fact]
    public async Task StreamingCommands_WithoutACamera_AreUnsupported()
    {
        await using var sim = new SimulatorHarness();

        Assert.Equal(MavResult.Unsupported, sim.Command(MavCmd.VideoStartStreaming).Result);
        Assert.Equal(MavResult.Unsupported, sim.Command(MavCmd.RequestCameraInformation).Result);
    }
}
