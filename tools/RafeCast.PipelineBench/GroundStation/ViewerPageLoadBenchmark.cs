using System.Globalization;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;
using RafeCast.GroundStation;
using RafeCast.Pipeline.Events;
using RafeCast.Testing;
using RafeCast.Testing.Browser;
using RafeCast.Testing.Media;

namespace RafeCast.PipelineBench.GroundStation;

/// <summary>
/// How fast the viewer page loads on loopback in headless Chromium: the station's /watch page versus
/// the same files (HTML, CSS, scripts, hls.js) served as static files by a bare Kestrel in the same run,
/// plus, on the station, the time until the map draws the drone and the video shows its first frame.
/// </summary>
public sealed class ViewerPageLoadBenchmark : IPipelineBenchmark
{
    public string Name => "viewer-page-load";

    public string Description => "watch page load on loopback (Chromium) vs the same files from a static server; first frame and drone";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var loads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        using var root = new TempDirectory("rafecast-bench-viewer");
        await using var hls = LiveHlsTestSource.Start(Path.Combine(root.Path, "live", "v1-cam0"));
        await hls.WaitForSegmentsAsync(3, TimeSpan.FromSeconds(30), cancellationToken);

        var builder = StationHost.CreateBuilder(["--listen", "127.0.0.1:0", "--data-dir", root.Path, "--hls-dir", Path.Combine(root.Path, "live")], root.Path);
        builder.Logging.ClearProviders();
        await using var station = StationHost.Build(builder);
        await station.StartAsync(cancellationToken);
        await station.Services.GetRequiredService<IPublisher>().Publish(new TelemetryReceived(new TelemetrySample(
            DateTimeOffset.UtcNow, VehicleId.Autopilot(1), new GeoPosition(51.5, -0.1, 52, 40), null, 90, 8, "bench")), cancellationToken);
        var stationUri = new Uri(station.ListeningAddresses()[0], "/watch/v1-cam0");

        // The baseline: the page's own bytes from disk, no station behind them.
        var staticRoot = Directory.CreateDirectory(Path.Combine(root.Path, "static")).FullName;
        Directory.CreateDirectory(Path.Combine(staticRoot, "assets"));
        using (var http = new HttpClient { BaseAddress = station.ListeningAddresses()[0] })
        {
            await File.WriteAllBytesAsync(Path.Combine(staticRoot, "watch.html"), await http.GetByteArrayAsync(new Uri("/watch/v1-cam0", UriKind.Relative), cancellationToken), cancellationToken);
            foreach (var asset in new[] { "viewer.css", "watch.js", "hls.min.js" })
            {
                await File.WriteAllBytesAsync(Path.Combine(staticRoot, "assets", asset), await http.GetByteArrayAsync(new Uri($"/assets/{asset}", UriKind.Relative), cancellationToken), cancellationToken);
            }
        }
        var staticBuilder = WebApplication.CreateSlimBuilder();
        staticBuilder.Logging.ClearProviders();
        staticBuilder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        await using var baseline = staticBuilder.Build();
        baseline.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(staticRoot) });
        await baseline.StartAsync(cancellationToken);
        var baselineUri = new Uri(new Uri(baseline.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/watch.html");

        await using var browser = await HeadlessChromium.LaunchAsync(cancellationToken: cancellationToken);
        // One load of each first, so both are measured warm (as a viewer's reload is).
        await browser.GotoAsync(baselineUri, cancellationToken: cancellationToken);
        await browser.GotoAsync(stationUri, cancellationToken: cancellationToken);

        var baselineLoads = new List<double>();
        var stationLoads = new List<double>();
        var drones = new List<double>();
        var frames = new List<double>();
        for (var i = 0; i < loads; i++)
        {
            await browser.GotoAsync(baselineUri, cancellationToken: cancellationToken);
            baselineLoads.Add(await LoadEventEndAsync(browser, cancellationToken));
            await browser.GotoAsync(stationUri, cancellationToken: cancellationToken);
            stationLoads.Add(await LoadEventEndAsync(browser, cancellationToken));
            var (drone, frame) = await FirstDroneAndFrameAsync(browser, cancellationToken);
            drones.Add(drone);
            frames.Add(frame);
        }

        Console.WriteLine($"viewer-page-load: {loads} warm loads each, headless Chromium on 127.0.0.1 (times from navigation start, ms)");
        Console.WriteLine($"  static server (baseline)  load event  p50 {P(baselineLoads, 50),7:F1}  p95 {P(baselineLoads, 95),7:F1}");
        Console.WriteLine($"  station /watch            load event  p50 {P(stationLoads, 50),7:F1}  p95 {P(stationLoads, 95),7:F1}   ratio p50 {P(stationLoads, 50) / P(baselineLoads, 50):F2}");
        Console.WriteLine($"  station /watch            drone drawn p50 {P(drones, 50),7:F1}  p95 {P(drones, 95),7:F1}");
        Console.WriteLine($"  station /watch            first frame p50 {P(frames, 50),7:F1}  p95 {P(frames, 95),7:F1}");
        return 0;
    }

    private static async Task<double> LoadEventEndAsync(HeadlessChromium browser, CancellationToken cancellationToken) =>
        await browser.EvaluateAsync<double>("performance.getEntriesByType('navigation')[0].loadEventEnd", cancellationToken);

    private static async Task<(double Drone, double Frame)> FirstDroneAndFrameAsync(HeadlessChromium browser, CancellationToken cancellationToken)
    {
        var result = await browser.EvaluateAsync("""
            new Promise(resolve => {
              let drone = null, frame = null;
              const check = () => {
                if (drone === null && document.querySelector('#vehicle-1-1')) drone = performance.now();
                if (frame === null && document.getElementById('video').currentTime > 0) frame = performance.now();
                if (drone !== null && frame !== null) resolve([drone, frame]); else requestAnimationFrame(check);
              };
              check();
            })
            """, cancellationToken) as JsonArray;
        return (result![0]!.GetValue<double>(), result[1]!.GetValue<double>());
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
