using System.Globalization;
using RafeCast.Testing.Processes;

namespace RafeCast.Testing.Media;

/// <summary>
/// A live HLS stream made by the system ffmpeg from its lavfi test pattern, in real time: a master
/// playlist (<c>{Directory}/master.m3u8</c>) over two rungs (<c>180p/</c>, <c>90p/</c>) of H.264 in
/// MPEG-TS with EXT-X-PROGRAM-DATE-TIME, a sliding window of short segments. Owns its ffmpeg process.
/// </summary>
public sealed class LiveHlsTestSource : IAsyncDisposable
{
    private readonly OwnedProcess _ffmpeg;

    private LiveHlsTestSource(string directory, OwnedProcess ffmpeg)
    {
        Directory = directory;
        _ffmpeg = ffmpeg;
    }

    /// <summary>The stream's folder, holding master.m3u8.</summary>
    public string Directory { get; }

    /// <summary>The rung folder names, top rung first.</summary>
    public static IReadOnlyList<string> Rungs { get; } = ["180p", "90p"];

    /// <summary>Starts ffmpeg writing into <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">The stream's folder.</param>
    /// <param name="log">Where to log ffmpeg's command line and warnings.</param>
    /// <param name="segmentSeconds">Target segment duration; the keyframe interval matches it.</param>
    public static LiveHlsTestSource Start(string directory, double segmentSeconds = 1, Action<string>? log = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        const int fps = 15;
        var gop = ((int)Math.Round(segmentSeconds * fps)).ToString(CultureInfo.InvariantCulture);
        var seconds = segmentSeconds.ToString(CultureInfo.InvariantCulture);
        string[] arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "warning",
            "-re", "-f", "lavfi", "-i", $"testsrc=size=320x180:rate={fps}",
            // testsrc is RGB: convert to 4:2:0, which every browser decodes.
            "-filter_complex", "[0:v]format=yuv420p,split=2[top][low];[low]scale=160:90[low90]",
            "-map", "[top]", "-map", "[low90]",
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-profile:v", "baseline",
            "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
            "-b:v:0", "300k", "-b:v:1", "100k",
            "-f", "hls", "-hls_time", seconds, "-hls_list_size", "8",
            "-hls_flags", "delete_segments+program_date_time+independent_segments",
            "-var_stream_map", $"v:0,name:{Rungs[0]} v:1,name:{Rungs[1]}",
            "-master_pl_name", "master.m3u8",
            "-hls_segment_filename", Path.Combine(directory, "%v", "seg%05d.ts"),
            Path.Combine(directory, "%v", "index.m3u8"),
        ];
        var ffmpeg = OwnedProcess.Start("ffmpeg", "ffmpeg", arguments, log, onStderr: line => log?.Invoke($"[ffmpeg] {line}"));
        return new LiveHlsTestSource(directory, ffmpeg);
    }

    /// <summary>Waits until every rung's playlist lists at least <paramref name="segments"/> segments.</summary>
    public async Task WaitForSegmentsAsync(int segments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await Eventually.Until(
            () =>
            {
                _ffmpeg.ThrowIfExited();
                return File.Exists(Path.Combine(Directory, "master.m3u8")) && Rungs.All(r => SegmentsListed(r) >= segments);
            },
            timeout,
            $"{segments} segment(s) per rung in {Directory}",
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // 'q' on stdin is ffmpeg's own way to finish cleanly (it writes the last segment and playlist).
        await _ffmpeg.StopAsync(p => p.WriteLineAsync("q"), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await _ffmpeg.DisposeAsync().ConfigureAwait(false);
    }

    private int SegmentsListed(string rung)
    {
        var playlist = Path.Combine(Directory, rung, "index.m3u8");
        try
        {
            return File.Exists(playlist) ? File.ReadLines(playlist).Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal)) : 0;
        }
        catch (IOException)
        {
            // ffmpeg replaces the playlist while we read it; the next round sees the new one.
            return 0;
        }
    }
}
