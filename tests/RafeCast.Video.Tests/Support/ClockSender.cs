using System.Globalization;
using RafeCast.Video.Ffmpeg;

namespace RafeCast.Video.Tests.Support;

/// <summary>
/// A synthetic camera for tests: ffmpeg renders a test pattern in real time and burns the sender's wall clock
/// into every frame as a machine-readable bar code (32 black/white blocks across the top 1/22.5 of the frame:
/// Unix milliseconds modulo 2^32, most significant bit first), then encodes it like a drone camera would
/// (x264 zerolatency) and sends it to a URL. <see cref="ReadClockAsync"/> reads the code back from a segment.
/// </summary>
internal sealed class ClockSender : IAsyncDisposable
{
    private readonly FfmpegProcess _process;

    private ClockSender(FfmpegProcess process) => _process = process;

    public int? ProcessId => _process.ProcessId;

    public static ClockSender Start(string[] output, int width = 320, int height = 180, int gopFrames = 60, bool audio = true, string? logPath = null)
    {
        var strip = Math.Max(8, height * 2 / 45);
        var graph =
            "[0:v]settb=1/1000000,setpts=RTCTIME,split[m][s];" +
            $"[s]crop={width}:{strip}:0:0,format=gray,geq=lum='if(mod(floor(mod(floor(T*1000)\\,4294967296)/pow(2\\,31-floor(X*32/W)))\\,2)\\,235\\,16)'[bar];" +
            "[m][bar]overlay=0:0,setpts=N/(30*TB),format=yuv420p[out]";
        var size = string.Create(CultureInfo.InvariantCulture, $"testsrc=size={width}x{height}:rate=30");
        List<string> args = ["-re", "-f", "lavfi", "-i", size];
        if (audio)
        {
            args.AddRange(["-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"]);
        }
        args.AddRange(["-filter_complex", graph, "-map", "[out]"]);
        if (audio)
        {
            args.AddRange(["-map", "1:a", "-c:a", "aac", "-b:a", "64k"]);
        }
        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", gopFrames.ToString(CultureInfo.InvariantCulture), "-b:v", "600k"]);
        args.AddRange(output);
        var process = new FfmpegProcess(new FfmpegStartInfo { Arguments = args, Name = "clock-sender", LogFilePath = logPath, StopGrace = TimeSpan.FromSeconds(3) });
        process.Start();
        return new ClockSender(process);
    }

    public void Kill() => _process.Kill();

    public Task<FfmpegExit> Completion => _process.Completion;

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    /// <summary>The sender's wall clock burned into the first frame of <paramref name="segmentPath"/>, resolved near <paramref name="near"/>.</summary>
    public static async Task<DateTimeOffset> ReadClockAsync(string segmentPath, DateTimeOffset near)
    {
        var row = await Tool.RunBytesAsync("ffmpeg", "-v", "error", "-i", segmentPath, "-frames:v", "1",
            "-vf", "crop=iw:ih/30:0:0,scale=32:1:flags=area,format=gray", "-f", "rawvideo", "-");
        Assert.Equal(32, row.Length);
        long code = 0;
        foreach (var luma in row)
        {
            code = (code << 1) | (luma > 125 ? 1L : 0L);
        }
        var nearMs = near.ToUnixTimeMilliseconds();
        var delta = (nearMs - code) % 4294967296L;
        if (delta < 0)
        {
            delta += 4294967296L;
        }
        if (delta >= 2147483648L)
        {
            delta -= 4294967296L;
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(nearMs - delta);
    }
}
