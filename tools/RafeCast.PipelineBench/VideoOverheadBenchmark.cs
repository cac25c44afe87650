using System.Globalization;
using RafeCast.Testing;
using RafeCast.Video.Ladder;
using static RafeCast.PipelineBench.VideoBenchSupport;

namespace RafeCast.PipelineBench;

/// <summary>
/// The pipeline's cost over plain ffmpeg: the default ladder over the same 720p30 file, once through
/// RafeCast (clock reports, segment lists, hashing, playlists, events) and once as a hand-written ffmpeg
/// command with the same filters, encoders and segmenter, alternating, as fast as the machine goes.
/// </summary>
public sealed class VideoOverheadBenchmark : IPipelineBenchmark
{
    public string Name => "video-overhead";

    public string Description => "Default ladder through the pipeline vs a hand-written ffmpeg ladder, same file, same run: wall and CPU ratios (target <= 1.05).";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        using var temp = new TempDirectory("rafecast-bench-video");
        var source = await MakeSourceAsync(temp.Path, seconds, cancellationToken);
        var ladder = RenditionLadder.Default;
        Console.WriteLine($"video-overhead: {seconds} s 720p30 source, ladder {ladder}, {rounds} rounds, load average {LoadAverage()}");

        var baseline = new List<(double Wall, double Cpu)>();
        var pipeline = new List<(double Wall, double Cpu)>();
        for (var round = 0; round < rounds; round++)
        {
            var dir = Path.Combine(temp.Path, $"hand-{round}");
            baseline.Add(await MeasureAsync(() => RunFfmpegAsync(HandWritten(source, ladder, dir), cancellationToken)));
            pipeline.Add(await MeasureAsync(() => RunPipelineAsync(source, ladder, Path.Combine(temp.Path, $"pipeline-{round}"), cancellationToken)));
            Console.WriteLine(Invariant($"  round {round + 1}: hand-written {baseline[^1].Wall:F2} s wall / {baseline[^1].Cpu:F2} s CPU, pipeline {pipeline[^1].Wall:F2} s / {pipeline[^1].Cpu:F2} s"));
        }

        var wallRatio = Median(pipeline.Select(p => p.Wall)) / Median(baseline.Select(b => b.Wall));
        var cpuRatio = Median(pipeline.Select(p => p.Cpu)) / Median(baseline.Select(b => b.Cpu));
        Console.WriteLine(Invariant($"video-overhead: wall ratio {wallRatio:F3}, CPU ratio {cpuRatio:F3} (pipeline / hand-written ffmpeg, medians; target <= 1.05)"));
        return 0;
    }

    /// <summary>What an engineer would type by hand for the same ladder: one decode, split, scale, x264, segment muxer.</summary>
    private static List<string> HandWritten(string source, RenditionLadder ladder, string directory)
    {
        var rungs = ladder.Renditions;
        var graph = $"[0:v]split={rungs.Count}{string.Concat(rungs.Select((_, i) => $"[s{i}]"))};" +
            string.Join(';', rungs.Select((r, i) => $"[s{i}]scale=w={r.Width}:h={r.Height}:force_original_aspect_ratio=decrease:force_divisible_by=2,format=yuv420p[v{i}]"));
        var args = new List<string> { "-i", source, "-filter_complex", graph };
        for (var i = 0; i < rungs.Count; i++)
        {
            var r = rungs[i];
            var dir = Path.Combine(directory, r.Name);
            Directory.CreateDirectory(dir);
            args.AddRange([
                "-map", $"[v{i}]", "-map", "0:a:0?",
                "-c:v", "libx264", "-preset", r.Preset, "-profile:v", r.Profile,
                "-b:v", $"{r.VideoBitrateKbps}k", "-maxrate", $"{r.MaxRateKbps}k", "-bufsize", $"{r.VideoBitrateKbps * 2}k",
                "-force_key_frames", "expr:gte(t,n_forced*2)", "-sc_threshold", "0", "-g", "120",
                "-c:a", "aac", "-b:a", $"{r.AudioBitrateKbps}k", "-ac", "2",
                "-f", "segment", "-segment_time", "2", "-segment_format", "mpegts", Path.Combine(dir, "%06d.ts"),
            ]);
        }
        return args;
    }
}
