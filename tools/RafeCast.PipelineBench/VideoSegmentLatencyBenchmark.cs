using System.Globalization;
using RafeCast.Core.Video;
using RafeCast.Testing;
using RafeCast.Video.Ffmpeg;
using RafeCast.Video.Ladder;
using RafeCast.Video.Sources;
using RafeCast.Video.Streams;
using static RafeCast.PipelineBench.VideoBenchSupport;

namespace RafeCast.PipelineBench;

/// <summary>
/// Segment-close latency on a live source: a 720p30 camera stand-in sends MPEG-TS over UDP on 127.0.0.1;
/// for each SegmentClosed, latency = when it was published − wall time of the segment's last frame
/// (its StartUtc plus the PTS span to its last frame). Reported as p50/p95 next to the segment duration.
/// </summary>
public sealed class VideoSegmentLatencyBenchmark : IPipelineBenchmark
{
    public string Name => "video-latency";

    public string Description => "Segment-close latency (last frame of a segment -> SegmentClosed), p50/p95, default ladder on a live 720p30 UDP source.";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var segments = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        var ladder = args.Length > 1 ? RenditionLadder.Parse(args[1]) : RenditionLadder.Default;
        using var temp = new TempDirectory("rafecast-bench-video");
        var port = FreePort.Udp();
        var publisher = new SegmentRecorder();
        var stream = new VideoStream(
            new VideoStreamSettings { Id = new StreamId("latency"), Source = VideoSource.Parse($"udp://127.0.0.1:{port}"), Ladder = ladder, Directory = temp.Combine("stream") },
            publisher);
        Console.WriteLine($"video-latency: {segments} segments per rung, ladder {ladder}, load average {LoadAverage()}");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = stream.RunAsync(stop.Token);
        await using var camera = new FfmpegProcess(new FfmpegStartInfo
        {
            Name = "camera",
            Arguments = ["-re", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                "-g", "60", "-b:v", "4M", "-pix_fmt", "yuv420p", "-f", "mpegts", $"udp://127.0.0.1:{port}?pkt_size=1316"],
        });
        camera.Start();
        await Eventually.Until(() => publisher.Segments.Count >= segments * ladder.Renditions.Count, TimeSpan.FromSeconds(segments * 2 * 4 + 60), "segments", cancellationToken);
        await stop.CancelAsync();
        await run;

        var latencies = publisher.Timed
            .Where(t => t.Segment.Segment.Pts is not null && !t.Segment.Segment.Discontinuity)
            .Select(t =>
            {
                var s = t.Segment.Segment;
                var lastFrame = s.StartUtc + TimeSpan.FromSeconds(s.Pts!.Value.LastSeconds - s.Pts.Value.FirstSeconds);
                return (t.AtUtc - lastFrame).TotalMilliseconds;
            })
            // The first segments are held until the clock mapping settles (start-up only); steady state is what matters.
            .Skip(2 * ladder.Renditions.Count)
            .ToList();
        Console.WriteLine(Invariant($"video-latency: last frame -> SegmentClosed over {latencies.Count} segments: p50 {Percentile(latencies, 0.5):F0} ms, p95 {Percentile(latencies, 0.95):F0} ms (segments of 2 s)"));
        return 0;
    }
}
