using System.Diagnostics;
using RafeCast.Simulator.Camera;
using RafeCast.Testing;
using RafeCast.Testing.Media;

namespace RafeCast.Simulator.Tests.Camera;

public sealed class CameraClockStripTests
{
    [Fact]
    public async Task Build_WithClockStrip_EveryFrameCarriesItsCaptureTime()
    {
        using var dir = new TempDirectory("rafecast-camera-clock");
        var overlay = dir.Combine("overlay.txt");
        await File.WriteAllTextAsync(overlay, "VEHICLE 1");
        var output = dir.Combine("camera.ts");
        var arguments = CameraCommand.Build(new CameraOptions(), output, overlay);
        var before = DateTimeOffset.UtcNow;

        // One second of the camera, written to a file instead of the network.
        var exit = await RunFfmpegAsync([.. arguments.Take(arguments.Count - 1), "-frames:v", "25", arguments[^1]]);
        var after = DateTimeOffset.UtcNow;
        var captured = await CameraClock.ReadFirstFrameAsync(output, before);

        Assert.Equal(0, exit);
        Assert.InRange(captured, before - TimeSpan.FromMilliseconds(100), after);
    }

    [Fact]
    public void Build_WithoutClockStrip_HasNoStripInTheFilterGraph()
    {
        var arguments = CameraCommand.Build(new CameraOptions { ClockStrip = false }, "udp://127.0.0.1:5601", "/tmp/overlay.txt");

        Assert.DoesNotContain(arguments, a => a.Contains("geq=", StringComparison.Ordinal));
    }

    private static async Task<int> RunFfmpegAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var ffmpeg = Process.Start(start)!;
        var errors = ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(ffmpeg.ExitCode == 0, await errors);
        return ffmpeg.ExitCode;
    }
}
