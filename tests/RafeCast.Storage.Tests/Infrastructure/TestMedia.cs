using System.Diagnostics;
using System.Globalization;
using RafeCast.Testing;

namespace RafeCast.Storage.Tests.Infrastructure;

/// <summary>
/// Small MPEG-TS segments made by a real ffmpeg once per fixture (test media is generated, never committed).
/// This class is the one owner of those ffmpeg runs: command line in the error, output drained, bounded wait.
/// </summary>
public sealed class TestMedia : IDisposable
{
    public const int SegmentCount = 12;
    private readonly TempDirectory _dir = new("rafecast-media");
    private readonly Lazy<IReadOnlyList<string>> _segments;

    public TestMedia() => _segments = new Lazy<IReadOnlyList<string>>(Generate);

    /// <summary><see cref="SegmentCount"/> distinct one-second segments (~250 kB each), named 0.ts, 1.ts, ...</summary>
    public IReadOnlyList<string> Segments => _segments.Value;

    private List<string> Generate()
    {
        var args = new[]
        {
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
            "-t", SegmentCount.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-b:v", "2M", "-pix_fmt", "yuv420p",
            "-f", "segment", "-segment_time", "1", "-reset_timestamps", "0",
            _dir.Combine("%d.ts"),
        };
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var ffmpeg = Process.Start(start)!;
        var stderr = ffmpeg.StandardError.ReadToEndAsync();
        var stdout = ffmpeg.StandardOutput.ReadToEndAsync();
        if (!ffmpeg.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            ffmpeg.Kill(entireProcessTree: true);
            throw new TimeoutException($"ffmpeg {string.Join(' ', args)} did not finish in 60 s.");
        }
        Task.WaitAll(stderr, stdout);
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed ({ffmpeg.ExitCode}): {stderr.Result}");
        }
        var files = Enumerable.Range(0, SegmentCount).Select(i => _dir.Combine($"{i}.ts")).Where(File.Exists).ToList();
        if (files.Count < SegmentCount - 1)
        {
            throw new InvalidOperationException($"ffmpeg made {files.Count} segments, expected {SegmentCount}.");
        }
        return files;
    }

    public void Dispose() => _dir.Dispose();
}
