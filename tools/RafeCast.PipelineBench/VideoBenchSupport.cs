using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Mediator;
using RafeCast.Core.Video;
using RafeCast.Pipeline.Events;
using RafeCast.Video.Ffmpeg;
using RafeCast.Video.Ladder;
using RafeCast.Video.Sources;
using RafeCast.Video.Streams;

namespace RafeCast.PipelineBench;

/// <summary>Shared pieces of the video benchmarks: sources, a pipeline run, CPU accounting, percentiles.</summary>
internal static class VideoBenchSupport
{
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A 720p30 H.264 + AAC test file of the given length, made once per run.</summary>
    public static async Task<string> MakeSourceAsync(string directory, int seconds, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, $"source-720p30-{seconds}s.ts");
        await RunFfmpegAsync(["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "veryfast", "-b:v", "4M", "-pix_fmt", "yuv420p", "-g", "60",
            "-c:a", "aac", "-b:a", "128k", "-f", "mpegts", path], cancellationToken);
        return path;
    }

    public static async Task<FfmpegExit> RunFfmpegAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        await using var ffmpeg = new FfmpegProcess(new FfmpegStartInfo { Arguments = ["-y", "-loglevel", "error", .. arguments], Name = "bench" });
        ffmpeg.Start();
        return await ffmpeg.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Runs the real pipeline (VideoStream) over a file as fast as it goes; returns the segments it published.</summary>
    public static async Task<IReadOnlyList<VideoSegment>> RunPipelineAsync(string input, RenditionLadder ladder, string directory, CancellationToken cancellationToken)
    {
        var publisher = new SegmentRecorder();
        var stream = new VideoStream(
            new VideoStreamSettings { Id = new StreamId("bench"), Source = VideoSource.Parse(input), Ladder = ladder, Directory = directory },
            publisher);
        await stream.RunAsync(cancellationToken);
        if (stream.Status.State != VideoStreamState.Ended)
        {
            throw new InvalidOperationException($"The pipeline ended as {stream.Status.State}: {stream.Status.LastError}");
        }
        return [.. publisher.Segments.Select(s => s.Segment)];
    }

    /// <summary>CPU seconds of this process and of its reaped children (ffmpeg), from /proc/self/stat.</summary>
    public static (double Self, double Children) CpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14-17 of proc(5) (utime, stime, cutime, cstime), counted after the command name: indexes 11-14.
        double Ticks(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture) / 100.0;
        return (Ticks(11) + Ticks(12), Ticks(13) + Ticks(14));
    }

    /// <summary>Wall and CPU (self + children) of one measured action.</summary>
    public static async Task<(double Wall, double Cpu)> MeasureAsync(Func<Task> action)
    {
        var before = CpuSeconds();
        var clock = Stopwatch.StartNew();
        await action();
        var wall = clock.Elapsed.TotalSeconds;
        var after = CpuSeconds();
        return (wall, after.Self - before.Self + after.Children - before.Children);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * p) - 1, 0, sorted.Length - 1)];
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Collects SegmentClosed notifications with the wall time they were published.</summary>
    internal sealed class SegmentRecorder : IPublisher
    {
        private readonly ConcurrentQueue<(SegmentClosed Segment, DateTimeOffset AtUtc)> _segments = new();

        public IReadOnlyList<SegmentClosed> Segments => [.. _segments.Select(s => s.Segment)];

        public IReadOnlyList<(SegmentClosed Segment, DateTimeOffset AtUtc)> Timed => [.. _segments];

        public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification => Publish((object)notification!, cancellationToken);

        public ValueTask Publish(object notification, CancellationToken cancellationToken = default)
        {
            if (notification is SegmentClosed closed)
            {
                _segments.Enqueue((closed, DateTimeOffset.UtcNow));
            }
            return ValueTask.CompletedTask;
        }
    }
}
