using System.Diagnostics.Metrics;
using RafeCast.Video.Ffmpeg;

namespace RafeCast.Video;

/// <summary>The video stage's instruments, tagged with the stream (or process) name.</summary>
public static class VideoMetrics
{
    /// <summary>The meter a metrics exporter listens to.</summary>
    public const string MeterName = "RafeCast.Video";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>ffmpeg's processing speed (1.0 = real time), per progress report.</summary>
    public static readonly Histogram<double> Speed = Meter.CreateHistogram<double>("rafecast.video.ffmpeg.speed", description: "Media seconds processed per wall second");

    /// <summary>ffmpeg's output frame rate, per progress report.</summary>
    public static readonly Histogram<double> FramesPerSecond = Meter.CreateHistogram<double>("rafecast.video.ffmpeg.fps", unit: "{frame}/s", description: "Output frames per second");

    /// <summary>Frames ffmpeg dropped (the newest cumulative count of each report).</summary>
    public static readonly Histogram<long> DroppedFrames = Meter.CreateHistogram<long>("rafecast.video.ffmpeg.dropped_frames", unit: "{frame}", description: "Frames dropped so far by the running ffmpeg");

    /// <summary>Segments closed, tagged with stream and rung.</summary>
    public static readonly Counter<long> SegmentsClosed = Meter.CreateCounter<long>("rafecast.video.segments_closed", unit: "{segment}", description: "Segments closed in the spool");

    /// <summary>Milliseconds from a segment's last frame (wall time) to its SegmentClosed.</summary>
    public static readonly Histogram<double> SegmentCloseLatency = Meter.CreateHistogram<double>("rafecast.video.segment_close_latency", unit: "ms", description: "From a segment's last frame to SegmentClosed");

    /// <summary>Stream restarts after an input loss or an ffmpeg exit.</summary>
    public static readonly Counter<long> Restarts = Meter.CreateCounter<long>("rafecast.video.restarts", unit: "{restart}", description: "Stream restarts");

    internal static void RecordProgress(string name, FfmpegProgress progress)
    {
        var tag = new KeyValuePair<string, object?>("stream", name);
        if (progress.Speed is { } speed)
        {
            Speed.Record(speed, tag);
        }
        FramesPerSecond.Record(progress.FramesPerSecond, tag);
        DroppedFrames.Record(progress.DroppedFrames, tag);
    }
}
