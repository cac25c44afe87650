using RafeCast.Cli.Infrastructure;
using RafeCast.Testing;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

public sealed class VideoCommandTests
{
    private static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var exit = await RafeCastApp.Create(console).RunAsync(args, CancellationToken.None);
        return (exit, console.Output);
    }

    private static async Task<string> SourceFileAsync(TempDirectory temp)
    {
        var path = temp.Combine("source.ts");
        using var process = System.Diagnostics.Process.Start("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=48000",
            "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30", "-c:a", "aac", "-f", "mpegts", path]);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, process.ExitCode);
        return path;
    }

    [Fact]
    public async Task VideoRun_FileInput_LeavesAPlayableHlsTreeAndPrintsProgress()
    {
        using var temp = new TempDirectory("rafecast-cli-video");
        var source = await SourceFileAsync(temp);
        var output = temp.Combine("hls");

        var (exit, text) = await Run("video", "run", "--input", source, "--output", output, "--ladder", "240p", "--segment", "1");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("segments", text, StringComparison.Ordinal);
        Assert.Contains("Done:", text, StringComparison.Ordinal);
        var master = await File.ReadAllTextAsync(Path.Combine(output, "master.m3u8"));
        Assert.Contains("240p/live.m3u8", master, StringComparison.Ordinal);
        var playlist = await File.ReadAllTextAsync(Path.Combine(output, "240p", "event.m3u8"));
        Assert.Equal(4, playlist.Split('\n').Count(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal)));
        Assert.EndsWith("#EXT-X-ENDLIST\n", playlist, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "240p", "000003.ts")));
    }

    [Fact]
    public async Task VideoRun_Duration_StopsASilentLiveInputWithAClearError()
    {
        using var temp = new TempDirectory("rafecast-cli-video");

        var (exit, text) = await Run("video", "run", "--input", $"udp://127.0.0.1:{FreePort.Udp()}", "--output", temp.Combine("hls"), "--ladder", "240p", "--duration", "2");

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("No segment was written", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VideoRun_UnknownRung_IsAUsageErrorNamingIt()
    {
        using var temp = new TempDirectory("rafecast-cli-video");
        var source = await SourceFileAsync(temp);

        var (exit, text) = await Run("video", "run", "--input", source, "--output", temp.Combine("hls"), "--ladder", "720p,4k");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("'4k'", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VideoProbe_File_PrintsItsStreams()
    {
        using var temp = new TempDirectory("rafecast-cli-video");
        var source = await SourceFileAsync(temp);

        var (exit, text) = await Run("video", "probe", source);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("mpegts", text, StringComparison.Ordinal);
        Assert.Contains("h264", text, StringComparison.Ordinal);
        Assert.Contains("320x180", text, StringComparison.Ordinal);
        Assert.Contains("aac", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VideoProbe_MissingFile_IsAUsageError()
    {
        var (exit, text) = await Run("video", "probe", "/nowhere/flight.ts");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("/nowhere/flight.ts", text, StringComparison.Ordinal);
    }
}
