using System.Globalization;
using System.Text.Json;
using RafeCast.Testing;
using RafeCast.Testing.Browser;
using RafeCast.Testing.Demo;
using RafeCast.Testing.Media;

namespace RafeCast.PipelineBench.Demo;

/// <summary>
/// Glass to glass on <c>rafecast demo</c> (two drones, the default ladder: the camera's stream passed through plus
/// 240p): the simulator camera's burned-in capture time of each segment's first frame against the moment the
/// segment is listed in the live playlist on the blob endpoint (what a viewer's player sees), with the station's
/// own spool playlist (ingest only: no tagging, outbox or upload) as the baseline measured at the same time; and
/// against the moment the watch page in Chromium presents the frame.
/// </summary>
public sealed class GlassToGlassBenchmark : IPipelineBenchmark
{
    public string Name => "glass-to-glass";

    public string Description => "camera clock → live playlist on the blob endpoint (vs the station's spool playlist) and → frame shown by the watch page";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        using var root = new TempDirectory("rafecast-bench-g2g");
        await using var demo = RafeCastDemo.Start(Path.Combine(root.Path, "home"), ["--listen", "127.0.0.1:0", "--seed", "7", "--status", "30"]);
        var viewer = await demo.ViewerAsync(TimeSpan.FromSeconds(120));
        var watch = await demo.WatchAsync("v1-cam0", TimeSpan.FromSeconds(90));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var details = JsonDocument.Parse(await http.GetStringAsync(new Uri(viewer, "/api/streams/v1-cam0"), cancellationToken));
        var source = details.RootElement.GetProperty("source");
        var master = new Uri(source.GetProperty("master").GetString()!);
        var query = source.GetProperty("query").GetString();

        Console.WriteLine($"Watching v1-cam0 for {seconds:0} s (polling every 100 ms; the poll interval bounds the error)…");
        var duration = TimeSpan.FromSeconds(seconds);
        var poll = TimeSpan.FromMilliseconds(100);
        var local = GlassToGlass.PlaylistAsync(http, new Uri(viewer, "/hls/v1-cam0/source/live.m3u8"), null, duration, poll, cancellationToken);
        var blob = GlassToGlass.PlaylistAsync(http, new Uri(master, "source/live.m3u8"), query, duration, poll, cancellationToken);
        var blob240 = GlassToGlass.PlaylistAsync(http, new Uri(master, "240p/live.m3u8"), query, duration, poll, cancellationToken);
        IReadOnlyList<GlassToGlassSample> page;
        await using (var browser = await HeadlessChromium.LaunchAsync(cancellationToken: cancellationToken))
        {
            await browser.GotoAsync(watch, TimeSpan.FromSeconds(30), cancellationToken);
            await browser.WaitForAsync("document.getElementById('video').currentTime > 1", TimeSpan.FromSeconds(60), cancellationToken);
            page = await GlassToGlass.ViewerAsync(browser, 200, cancellationToken);
        }
        var baseline = await local;
        var measured = await blob;
        var lower = await blob240;
        await demo.InterruptAsync();
        await demo.Exited.WaitAsync(TimeSpan.FromMinutes(4), cancellationToken);

        Console.WriteLine($"Baseline: camera → listed in the station's spool playlist (ingest only):       {GlassToGlass.Describe(baseline)}");
        Console.WriteLine($"Measured: camera → listed in the live playlist on the blob endpoint (source):  {GlassToGlass.Describe(measured)}");
        Console.WriteLine($"          camera → listed in the live playlist on the blob endpoint (240p):    {GlassToGlass.Describe(lower)}");
        Console.WriteLine($"          camera → frame shown by the watch page (hls.js, 3 segments behind):  {GlassToGlass.Describe(page)}");
        if (baseline.Count > 0 && measured.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Ratio blob/spool: p50 {GlassToGlass.Percentile(measured, 50) / GlassToGlass.Percentile(baseline, 50):0.00}, p95 {GlassToGlass.Percentile(measured, 95) / GlassToGlass.Percentile(baseline, 95):0.00}"));
        }
        return measured.Count > 0 ? 0 : 1;
    }
}
