using System.Collections.Concurrent;
using RafeCast.Video.Ffmpeg;

namespace RafeCast.Simulator.Tests.Camera;

/// <summary>One-shot ffmpeg runs for the camera tests, through the video stage's process owner.</summary>
internal static class FfmpegRun
{
    /// <summary>Runs ffmpeg with <paramref name="arguments"/> to its end (or until <paramref name="whileRunning"/> stops it); returns its stderr lines. Throws on failure or timeout.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, Func<FfmpegProcess, Task>? whileRunning = null)
    {
        var lines = new ConcurrentQueue<string>();
        await using var process = new FfmpegProcess(new FfmpegStartInfo { Arguments = arguments, Name = "camera test" });
        process.ErrorLine += (_, line) => lines.Enqueue(line);
        process.Start();
        using var deadline = new CancellationTokenSource(timeout);
        if (whileRunning is not null)
        {
            await whileRunning(process);
        }
        await process.WaitForExitAsync(deadline.Token);
        return [.. lines];
    }
}
