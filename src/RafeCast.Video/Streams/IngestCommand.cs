using System.Globalization;
using RafeCast.Video.Ladder;
using RafeCast.Video.Sources;

namespace RafeCast.Video.Streams;

/// <summary>
/// Builds the one ffmpeg command of a stream run: decode once, split into the ladder, encode each rung with
/// keyframes forced on segment boundaries, and cut each rung into MPEG-TS segments with the segment muxer,
/// which appends one CSV line (file,start,end) to a per-rung list as each segment is closed.
/// </summary>
internal static class IngestCommand
{
    /// <summary>The stderr lines that carry the wall-clock reports (see <see cref="Timing.WallClockMapper"/>), logged at info level.</summary>
    private const string ClockReport = "print(RTCTIME-T*1000000\\,32)";

    public static IReadOnlyList<string> Build(
        VideoSource source,
        RenditionLadder ladder,
        TimeSpan segmentDuration,
        long startSequence,
        Func<Rendition, string> rungDirectory,
        Func<Rendition, string> segmentListPath)
    {
        var seconds = segmentDuration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var args = new List<string>();
        var encoded = ladder.Renditions.Where(r => !r.Passthrough).ToList();
        var passthrough = ladder.Renditions.FirstOrDefault(r => r.Passthrough);

        if (encoded.Count == 0)
        {
            // Passthrough only: decode nothing but keyframes, just enough to read the wall clock.
            args.AddRange(["-skip_frame", "nokey"]);
        }
        // Slice threads only: frame-threaded decoding holds every frame back by (threads - 1) frame times
        // before it reaches the clock report, which would show up as a late StartUtc.
        args.AddRange(["-thread_type", "slice"]);
        args.AddRange(source.InputArguments);

        // One decode; the clock report sits before the split so every frame is reported once.
        var graph = new List<string>();
        if (encoded.Count == 0)
        {
            graph.Add($"[0:v:0]setpts='PTS+0*{ClockReport}'[clock]");
        }
        else
        {
            var labels = string.Concat(encoded.Select((_, i) => $"[s{i}]"));
            graph.Add($"[0:v:0]setpts='PTS+0*{ClockReport}',split={encoded.Count}{labels}");
            for (var i = 0; i < encoded.Count; i++)
            {
                var r = encoded[i];
                graph.Add($"[s{i}]scale=w={r.Width}:h={r.Height}:force_original_aspect_ratio=decrease:force_divisible_by=2,format=yuv420p[v{i}]");
            }
        }
        args.AddRange(["-filter_complex", string.Join(';', graph)]);

        // With a passthrough rung the encoded rungs put keyframes where the source has them, so every rung
        // is cut at the same instants; otherwise keyframes fall on every segment boundary (fixed GOP).
        var keyframes = passthrough is not null ? "source" : $"expr:gte(t,n_forced*{seconds})";
        var maxGop = ((int)Math.Ceiling(segmentDuration.TotalSeconds * 60)).ToString(CultureInfo.InvariantCulture);

        foreach (var rung in ladder.Renditions)
        {
            if (rung.Passthrough)
            {
                args.AddRange(["-map", "0:v:0", "-c:v", "copy"]);
            }
            else
            {
                var i = encoded.IndexOf(rung);
                args.AddRange([
                    "-map", $"[v{i}]",
                    "-c:v", "libx264", "-preset", rung.Preset, "-profile:v", rung.Profile,
                    "-b:v", Kbps(rung.VideoBitrateKbps), "-maxrate", Kbps(rung.MaxRateKbps), "-bufsize", Kbps(rung.VideoBitrateKbps * 2),
                    "-force_key_frames", keyframes, "-sc_threshold", "0", "-g", maxGop,
                ]);
            }
            args.AddRange([
                "-map", "0:a:0?", "-c:a", "aac", "-b:a", Kbps(rung.AudioBitrateKbps), "-ac", "2",
                "-fps_mode", "passthrough",
                "-max_muxing_queue_size", "1024",
                // Keep every rung on the decoder's timeline, so segment list times, frame clock reports and
                // the segments' PTS (timeline + 1.4 s mux delay) agree, and segments join without a jump.
                "-avoid_negative_ts", "disabled",
                "-f", "segment",
                "-segment_format", "mpegts",
                "-segment_format_options", "avoid_negative_ts=disabled",
                "-segment_time", seconds,
                "-segment_start_number", startSequence.ToString(CultureInfo.InvariantCulture),
                "-segment_list", segmentListPath(rung),
                "-segment_list_type", "csv",
                "-reset_timestamps", "0",
                Path.Combine(rungDirectory(rung), "%06d.ts"),
            ]);
        }

        if (encoded.Count == 0)
        {
            args.AddRange(["-map", "[clock]", "-f", "null", "-"]);
        }
        return args;
    }

    private static string Kbps(int kbps) => kbps.ToString(CultureInfo.InvariantCulture) + "k";
}
