using System.Globalization;
using RafeCast.Testing;
using RafeCast.Video.Ladder;
using static RafeCast.PipelineBench.VideoBenchSupport;

namespace RafeCast.PipelineBench;

/// <summary>
/// Realtime factor (media seconds per wall second) of the pipeline for a 720p30 source: the default ladder,
/// the same ladder at each candidate x264 preset (how the default was chosen), and passthrough.
/// The baseline is real time itself: a factor of 1.0 just keeps up with a live camera.
/// </summary>
public sealed class VideoRealtimeBenchmark : IPipelineBenchmark
{
    public string Name => "video-realtime";

    public string Description => "Realtime factor of the default ladder (and each candidate preset) and of passthrough for a 720p30 source (target >= 1.5x).";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        using var temp = new TempDirectory("rafecast-bench-video");
        var source = await MakeSourceAsync(temp.Path, seconds, cancellationToken);
        Console.WriteLine($"video-realtime: {seconds} s 720p30 source, load average {LoadAverage()}");

        var candidates = new List<(string Label, RenditionLadder Ladder)> { ("default " + RenditionLadder.Default, RenditionLadder.Default) };
        foreach (var preset in new[] { "faster", "veryfast", "superfast" })
        {
            candidates.Add(($"720p,480p,360p all {preset}", new RenditionLadder(RenditionLadder.Default.Renditions.Select(r => r with { Preset = preset }))));
        }
        candidates.Add(("720p veryfast, 480p/360p superfast", new RenditionLadder(RenditionLadder.Default.Renditions.Select(r => r with { Preset = r.Name == "720p" ? "veryfast" : "superfast" }))));
        candidates.Add(("passthrough", RenditionLadder.Parse("passthrough")));

        var run = 0;
        var only = args.Length > 1 ? args[1] : null;
        foreach (var (label, ladder) in candidates.Where(c => only is null || c.Label.Contains(only, StringComparison.Ordinal)))
        {
            var measured = await MeasureAsync(() => RunPipelineAsync(source, ladder, Path.Combine(temp.Path, $"run-{run++}"), cancellationToken));
            // On a shared machine the wall-clock factor measures the neighbours too; CPU seconds per media
            // second do not, so the factor this ladder would reach on all cores of an idle machine is printed beside it.
            var capacity = Environment.ProcessorCount * seconds / measured.Cpu;
            Console.WriteLine(Invariant($"  {label,-36} {seconds / measured.Wall,6:F2}x real time ({measured.Wall:F2} s wall, {measured.Cpu:F2} s CPU = {measured.Cpu / seconds:F2} CPU-s per media s; on {Environment.ProcessorCount} idle cores: {capacity:F2}x)"));
        }
        return 0;
    }
}
