using System.Globalization;
using RafeCast.Testing.Browser;

namespace RafeCast.Testing.Media;

/// <summary>One measured frame: when the camera made it, and when it became visible.</summary>
/// <param name="Segment">The segment's URI (playlist measurement) or "frame" (viewer measurement).</param>
/// <param name="CapturedUtc">The capture time burned into the frame (the simulator's clock strip).</param>
/// <param name="VisibleUtc">When it was listed in the live playlist, or shown by the viewer page.</param>
public sealed record GlassToGlassSample(string Segment, DateTimeOffset CapturedUtc, DateTimeOffset VisibleUtc)
{
    public TimeSpan Latency => VisibleUtc - CapturedUtc;
}

/// <summary>
/// Glass-to-glass measurements against the simulator's camera clock strip (<see cref="CameraClock"/>):
/// <list type="bullet">
/// <item><see cref="PlaylistAsync"/>: a viewer polls a live media playlist; for each segment that appears, the
/// capture time of its first frame against the moment it was first listed — the earliest any player could show it
/// (the poll interval bounds the error);</item>
/// <item><see cref="ViewerAsync"/>: the watch page in Chromium; for each frame the page presents
/// (<c>requestVideoFrameCallback</c>), the strip read from a canvas against the frame's expected display time.</item>
/// </list>
/// </summary>
public static class GlassToGlass
{
    /// <summary>Polls <paramref name="playlist"/> (with <paramref name="query"/>, e.g. a SAS token, on every request) for <paramref name="duration"/>.</summary>
    public static async Task<IReadOnlyList<GlassToGlassSample>> PlaylistAsync(HttpClient http, Uri playlist, string? query, TimeSpan duration, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(playlist);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var appeared = new List<(Uri Segment, DateTimeOffset At)>();
        var first = true;
        var end = DateTimeOffset.UtcNow + duration;
        using var timer = new PeriodicTimer(pollInterval);
        while (DateTimeOffset.UtcNow < end && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var text = await http.GetStringAsync(WithQuery(playlist, query), cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith('#') || !seen.Add(line))
                {
                    continue;
                }
                // Segments listed at the first poll appeared at an unknown time before it: not measured.
                if (!first)
                {
                    appeared.Add((new Uri(playlist, line), now));
                }
            }
            first = false;
        }
        var samples = new List<GlassToGlassSample>();
        foreach (var (segment, at) in appeared)
        {
            var captured = await CameraClock.ReadFirstFrameAsync(WithQuery(segment, query).ToString(), at, cancellationToken).ConfigureAwait(false);
            samples.Add(new GlassToGlassSample(segment.Segments[^1], captured, at));
        }
        return samples;
    }

    /// <summary>
    /// Reads the clock strip of <paramref name="frames"/> frames the page's <c>#video</c> presents. The video must be
    /// playing; it comes through hls.js's MediaSource, so the canvas is never tainted.
    /// </summary>
    public static async Task<IReadOnlyList<GlassToGlassSample>> ViewerAsync(HeadlessChromium browser, int frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var script = $$"""
            new Promise((resolve, reject) => {
              const video = document.getElementById('video');
              const canvas = document.createElement('canvas');
              const context = canvas.getContext('2d', { willReadFrequently: true });
              const samples = [];
              const giveUp = setTimeout(() => resolve(samples), 30000);
              const onFrame = (now, meta) => {
                const w = video.videoWidth, h = video.videoHeight;
                if (w && h) {
                  const rows = Math.max(1, Math.round(h / 30));
                  canvas.width = w; canvas.height = rows;
                  context.drawImage(video, 0, 0, w, rows, 0, 0, w, rows);
                  const row = context.getImageData(0, Math.floor(rows / 2), w, 1).data;
                  let code = 0;
                  for (let i = 0; i < {{CameraClock.Bits}}; i++) {
                    const x = Math.floor((i + 0.5) * w / {{CameraClock.Bits}});
                    code = code * 2 + (row[x * 4] > 125 ? 1 : 0);
                  }
                  const shown = performance.timeOrigin + meta.expectedDisplayTime;
                  samples.push({ code, shown });
                }
                if (samples.length < {{frames}}) video.requestVideoFrameCallback(onFrame);
                else { clearTimeout(giveUp); resolve(samples); }
              };
              video.requestVideoFrameCallback(onFrame);
            })
            """;
        var node = await browser.EvaluateAsync(script, cancellationToken).ConfigureAwait(false);
        var samples = new List<GlassToGlassSample>();
        foreach (var item in node?.AsArray() ?? [])
        {
            var shown = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(item!["shown"]!.GetValue<double>()));
            var code = (uint)item["code"]!.GetValue<double>();
            var bytes = new byte[CameraClock.Bits];
            for (var i = 0; i < CameraClock.Bits; i++)
            {
                bytes[i] = (byte)(((code >> (CameraClock.Bits - 1 - i)) & 1) == 1 ? 235 : 16);
            }
            samples.Add(new GlassToGlassSample("frame", CameraClock.Decode(bytes, shown), shown));
        }
        return samples;
    }

    /// <summary>The <paramref name="percentile"/> (0-100) of the latencies, nearest rank.</summary>
    public static TimeSpan Percentile(IEnumerable<GlassToGlassSample> samples, double percentile)
    {
        var sorted = samples.Select(s => s.Latency).Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new InvalidOperationException("No samples.");
        }
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>"p50 3.10 s, p95 3.60 s (n 20)".</summary>
    public static string Describe(IReadOnlyCollection<GlassToGlassSample> samples) =>
        samples.Count == 0
            ? "no samples"
            : string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(samples, 50).TotalSeconds:0.00} s, p95 {Percentile(samples, 95).TotalSeconds:0.00} s (n {samples.Count})");

    private static Uri WithQuery(Uri uri, string? query) =>
        string.IsNullOrEmpty(query) ? uri : new UriBuilder(uri) { Query = query }.Uri;
}
