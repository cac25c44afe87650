using RafeCast.Testing;
using RafeCast.Video.Ffmpeg;

namespace RafeCast.Video.Tests.Ffmpeg;

public sealed class FfmpegProcessTests
{
    private static readonly string[] Endless = ["-re", "-f", "lavfi", "-i", "testsrc=size=160x90:rate=30", "-c:v", "libx264", "-preset", "ultrafast", "-f", "mpegts"];

    [Fact]
    public async Task StopAsync_Running_SendsQAndTheOutputIsComplete()
    {
        using var temp = new TempDirectory("rafecast-ffmpeg");
        var output = temp.Combine("out.ts");
        var progress = new TaskCompletionSource<FfmpegProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ffmpeg = new FfmpegProcess(new FfmpegStartInfo { Arguments = [.. Endless, output], Name = "cam", LogFilePath = temp.Combine("ffmpeg.log") });
        ffmpeg.Progress += (_, p) =>
        {
            if (p.Frame >= 15)
            {
                progress.TrySetResult(p);
            }
        };
        ffmpeg.Start();
        var report = await progress.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var exit = await ffmpeg.StopAsync(CancellationToken.None);

        Assert.True(exit.Requested);
        Assert.False(exit.Killed);
        Assert.Equal(0, exit.ExitCode);
        Assert.True(report.Speed > 0);
        Assert.Equal(0, new FileInfo(output).Length % 188);
        Assert.Contains("Output #0, mpegts", await File.ReadAllTextAsync(temp.Combine("ffmpeg.log")), StringComparison.Ordinal);
        Assert.StartsWith("ffmpeg -hide_banner -nostats -progress pipe:1", ffmpeg.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForExitAsync_FailsOnItsOwn_ThrowsWithFfmpegsLastLines()
    {
        await using var ffmpeg = new FfmpegProcess(new FfmpegStartInfo { Arguments = ["-i", "/nowhere/input.ts", "-f", "null", "-"] });
        ffmpeg.Start();

        var error = await Assert.ThrowsAsync<FfmpegExitedException>(() => ffmpeg.WaitForExitAsync(CancellationToken.None));

        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("/nowhere/input.ts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_MissingExecutable_ThrowsATypedError()
    {
        var ffmpeg = new FfmpegProcess(new FfmpegStartInfo { Arguments = ["-version"], ExecutablePath = "/nowhere/ffmpeg" });

        var error = Assert.Throws<FfmpegExitedException>(ffmpeg.Start);

        Assert.Null(error.ExitCode);
        Assert.Contains("/nowhere/ffmpeg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterruptAsync_BlockedOnASilentInput_Ends()
    {
        var port = FreePort.Udp();
        await using var ffmpeg = new FfmpegProcess(new FfmpegStartInfo { Arguments = ["-i", $"udp://127.0.0.1:{port}", "-f", "null", "-"], StopGrace = TimeSpan.FromSeconds(15) });
        ffmpeg.Start();

        var exit = await ffmpeg.InterruptAsync(CancellationToken.None);

        Assert.True(exit.Requested);
        Assert.False(exit.Killed);
    }

    [Fact]
    public void ParseProgress_Block_ReadsEveryField()
    {
        var block = new Dictionary<string, string>
        {
            ["frame"] = "300", ["fps"] = "29.97", ["bitrate"] = "812.5kbits/s", ["total_size"] = "1015808",
            ["out_time_us"] = "10010000", ["dup_frames"] = "1", ["drop_frames"] = "2", ["speed"] = "1.02x",
        };

        var progress = FfmpegProcess.ParseProgress(block, isEnd: false, DateTimeOffset.UnixEpoch);

        Assert.Equal(new FfmpegProgress(300, 29.97, 812.5, 1015808, TimeSpan.FromSeconds(10.01), 1, 2, 1.02, false, DateTimeOffset.UnixEpoch), progress);
    }
}
