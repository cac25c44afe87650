using System.Globalization;
using System.Text.RegularExpressions;
using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Camera;
using RafeCast.Simulator.Links;
using RafeCast.Simulator.Vehicles;
using RafeCast.Testing;

namespace RafeCast.Simulator.Tests.Camera;

/// <summary>The synthetic camera with real ffmpeg, on real time.</summary>
public sealed partial class SyntheticCameraTests
{
    // Without the clock strip: the references below draw the text alone (the strip has its own tests).
    private static readonly CameraOptions Options = new() { ClockStrip = false };
    private static readonly int FrameBytes = Options.Width * Options.Height * 3;

    private static VehicleSnapshot At(double latitude, double longitude, double altitude) => new(
        1, DateTimeOffset.UnixEpoch, TimeSpan.Zero,
        new GeoPosition(latitude, longitude, 584 + altitude, altitude), new GeoPosition(-35.363261, 149.16523, 584, 0),
        5, 0, 90, 0, 0, true, CopterMode.Guided, MavLandedState.InAir, 16, 90, 100, 0, 0, null, null, true);

    /// <summary>The overlay as ffmpeg draws it for a frame stamped <paramref name="unixMicroseconds"/>: the time line expanded.</summary>
    private static string Expected(VehicleSnapshot snapshot, long unixMicroseconds)
    {
        var time = DateTimeOffset.UnixEpoch.AddTicks(unixMicroseconds * 10);
        var line = string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm:ss}.{unixMicroseconds / 1000 % 1000:000} UTC");
        return line + OverlayText.Render(snapshot)[CameraCommand.TimeLine.Length..].Replace(@"\%", "%", StringComparison.Ordinal);
    }

    /// <summary>Test pattern frame <paramref name="frame"/> with <paramref name="text"/> drawn literally in the camera's style, as RGB bytes.</summary>
    private static async Task<byte[]> ReferenceAsync(TempDirectory dir, int frame, string text)
    {
        var textFile = dir.Combine($"reference-{frame}-{Guid.NewGuid():N}.txt");
        var output = textFile + ".rgb";
        await File.WriteAllTextAsync(textFile, text);
        string[] args =
        [
            "-loglevel", "error", .. CameraCommand.InputArguments(Options),
            "-vf", $"select=eq(n\\,{frame}),drawtext=textfile={CameraCommand.EscapeOptionValue(textFile)}:expansion=none:{CameraCommand.TextStyle(Options)},format=yuv420p",
            "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", output,
        ];
        await FfmpegRun.RunAsync(args, TimeSpan.FromSeconds(60));
        return await File.ReadAllBytesAsync(output);
    }

    private static int Differences(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        var count = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (Math.Abs(a[i] - b[i]) > 8)
            {
                count++;
            }
        }
        return count;
    }

    [GeneratedRegex(@"\bn:\s*(\d+)\s+pts:\s*(\d+)")]
    private static partial Regex ShowInfo();

    [Fact]
    public async Task BurnedInOverlay_IsTheFramesWallClockAndTheCurrentPosition()
    {
        using var dir = new TempDirectory("camera-clock");
        var overlay = new OverlayText(dir.Combine("camera-1.txt"));
        var first = At(-35.3632610, 149.1652300, 30);
        var second = At(-35.3620000, 149.1700000, 42.5);
        overlay.Write(first);
        var frames = dir.Combine("frames.rgb");
        string[] args =
        [
            "-loglevel", "info", .. CameraCommand.InputArguments(Options),
            "-vf", CameraCommand.FilterGraph(Options, overlay.Path, logFrames: true),
            // As the camera does: every frame out as it comes (no duplicates or drops to force a constant rate).
            "-fps_mode", "passthrough",
            "-f", "rawvideo", "-pix_fmt", "rgb24", frames,
        ];
        var before = DateTimeOffset.UtcNow;
        var switchedAtFrame = 0;
        long Written() => File.Exists(frames) ? new FileInfo(frames).Length / FrameBytes : 0;

        var log = await FfmpegRun.RunAsync(args, TimeSpan.FromSeconds(60), async ffmpeg =>
        {
            // Move the vehicle once frames are coming; ten frames after that the picture must show the new position.
            await Eventually.Until(() => Written() >= 3, TimeSpan.FromSeconds(30), "the first frames");
            overlay.Write(second);
            switchedAtFrame = (int)Written();
            await Eventually.Until(() => Written() >= switchedAtFrame + 10, TimeSpan.FromSeconds(30), "ten more frames");
            await ffmpeg.StopAsync(CancellationToken.None);
        });
        var after = DateTimeOffset.UtcNow;

        var stamps = log.Select(l => ShowInfo().Match(l)).Where(m => m.Success)
            .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var video = await File.ReadAllBytesAsync(frames);
        var count = video.Length / FrameBytes;
        var last = count - 1;
        Assert.Equal(0, video.Length % FrameBytes);
        Assert.True(count >= switchedAtFrame + 10 && stamps.Count >= count, $"{count} frames, {stamps.Count} frame stamps in ffmpeg's log");

        // Each frame's stamp is the wall clock while the test ran, about 40 ms apart (25 fps in real time).
        var times = Enumerable.Range(0, count).Select(n => DateTimeOffset.UnixEpoch.AddTicks(stamps[n] * 10)).ToList();
        Assert.All(times, t => Assert.InRange(t, before, after));
        Assert.InRange((times[^1] - times[0]).TotalMilliseconds / last, 30, 60);

        // The picture shows exactly that stamp (to the millisecond) and the overlay text of the moment.
        var firstFrame = video.AsSpan(0, FrameBytes).ToArray();
        var lastFrame = video.AsSpan(last * FrameBytes, FrameBytes).ToArray();
        var firstReference = await ReferenceAsync(dir, 0, Expected(first, stamps[0]));
        var lastReference = await ReferenceAsync(dir, last, Expected(second, stamps[last]));
        var oneMillisecondOff = await ReferenceAsync(dir, last, Expected(second, stamps[last] + 1000));
        var oldPosition = await ReferenceAsync(dir, last, Expected(first, stamps[last]));

        Assert.True(Differences(firstFrame, firstReference) <= 50, $"frame 0 differs from its reference in {Differences(firstFrame, firstReference)} bytes");
        Assert.True(Differences(lastFrame, lastReference) <= 50, $"frame {last} differs from its reference in {Differences(lastFrame, lastReference)} bytes (overlay switched at frame {switchedAtFrame})");
        Assert.True(Differences(lastFrame, oneMillisecondOff) > 50, "a reference 1 ms off looks the same: the comparison proves nothing");
        Assert.True(Differences(lastFrame, oldPosition) > 50, "a reference with the old position looks the same: the comparison proves nothing");
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("srt")]
    public async Task Camera_StreamsDecodableH264InMpegTs_OverUdpOrSrt(string scheme)
    {
        using var dir = new TempDirectory("camera-stream");
        // SRT runs over UDP too.
        var port = FreePort.Udp();
        var received = dir.Combine("received.rgb");
        var link = new InMemorySimulatorLink();
        // The camera sends (UDP) or calls (SRT); the receiver listens, as an ingest would.
        var (cameraUrl, input) = scheme == "udp"
            ? ($"udp://127.0.0.1:{port}", $"udp://127.0.0.1:{port}?timeout=20000000")
            : ($"srt://127.0.0.1:{port}?mode=caller", $"srt://127.0.0.1:{port}?mode=listener");
        string[] receive = ["-loglevel", "error", "-i", input, "-frames:v", "5", "-f", "rawvideo", "-pix_fmt", "rgb24", received];

        await FfmpegRun.RunAsync(receive, TimeSpan.FromSeconds(60), async _ =>
        {
            var camera = new CameraOptions { Url = cameraUrl, WorkingDirectory = dir.Path, RestartDelay = TimeSpan.FromMilliseconds(300) };
            await using var simulator = new DroneSimulator(new SimulatorOptions { Seed = 1, Camera = camera }, link);
            simulator.Start();
            await Eventually.Until(() => File.Exists(received) && new FileInfo(received).Length >= 5L * FrameBytes, TimeSpan.FromSeconds(40), "five frames received");
            Assert.True(simulator.Vehicle(1).Snapshot().VideoStreaming);
            Assert.Equal(cameraUrl, simulator.Camera(1)!.Uri);
            Assert.True(File.Exists(dir.Combine("camera-1.txt")));
        });

        Assert.Equal(5L * FrameBytes, new FileInfo(received).Length);
    }

    [Fact]
    public async Task VideoFault_StopsAndRestartsFfmpeg_AndACrashIsRestarted()
    {
        using var dir = new TempDirectory("camera-fault");
        var link = new InMemorySimulatorLink();
        var camera = new CameraOptions { Url = $"udp://127.0.0.1:{FreePort.Udp()}", WorkingDirectory = dir.Path, RestartDelay = TimeSpan.FromMilliseconds(200) };
        await using var simulator = new DroneSimulator(new SimulatorOptions { Seed = 1, Camera = camera }, link);
        simulator.Start();
        var synthetic = simulator.Camera(1)!;
        await Eventually.Until(() => synthetic.IsStreaming, TimeSpan.FromSeconds(30), "the camera to stream");

        simulator.StopVideo();
        await Eventually.Until(() => !synthetic.IsStreaming && synthetic.ProcessId is null, TimeSpan.FromSeconds(30), "ffmpeg to stop");
        var stoppedSnapshot = simulator.Vehicle(1).Snapshot();
        simulator.RestartVideo();
        await Eventually.Until(() => synthetic.IsStreaming && synthetic.Starts == 2, TimeSpan.FromSeconds(30), "ffmpeg to start again");
        System.Diagnostics.Process.GetProcessById(synthetic.ProcessId!.Value).Kill();
        await Eventually.Until(() => synthetic.Failures == 1 && synthetic.Starts == 3 && synthetic.IsStreaming, TimeSpan.FromSeconds(30), "the camera to recover from the crash");

        Assert.False(stoppedSnapshot.VideoStreaming);
        Assert.Equal(0, synthetic.Failures - 1);
        // ffmpeg's log holds each run's command line.
        Assert.Equal(3, (await File.ReadAllLinesAsync(synthetic.LogPath)).Count(l => l.Contains("testsrc2", StringComparison.Ordinal)));
    }
}
