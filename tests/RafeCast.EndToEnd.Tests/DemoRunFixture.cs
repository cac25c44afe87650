using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RafeCast.Storage;
using RafeCast.Testing;
using RafeCast.Testing.Browser;
using RafeCast.Testing.Demo;
using RafeCast.Testing.Media;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RafeCast.EndToEnd.Tests;

/// <summary>
/// One run of <c>rafecast demo</c> (two drones, 80 s) shared by every end-to-end test: while it runs, the fixture
/// looks at it from outside as a viewer would — the live HLS from the blob endpoint, the watch page in headless
/// Chromium, glass-to-glass latencies — and records what it saw (or the error); then it waits for the demo to
/// finish, publish and print the archive. The tests assert on those observations and on the data left behind.
/// </summary>
public sealed class DemoRunFixture(IMessageSink sink) : IAsyncLifetime
{
    public const string Stream = "v1-cam0";
    public const int Seconds = 80;

    private readonly ConcurrentQueue<string> _log = new();
    private RafeCastDemo? _demo;

    public TempDirectory Root { get; } = new("rafecast-e2e");

    public string Home => Path.Combine(Root.Path, "home");

    public string GroundTruthPath => Path.Combine(Root.Path, "ground-truth.jsonl");

    public DateTimeOffset StartedUtc { get; private set; }

    public DateTimeOffset EndedUtc { get; private set; }

    public int ExitCode { get; private set; } = -1;

    public string Output => _demo is null ? string.Empty : string.Join('\n', _demo.Output);

    public Observation<LiveObservation> Live { get; private set; } = Observation<LiveObservation>.Missing;

    public Observation<ViewerObservation> Viewer { get; private set; } = Observation<ViewerObservation>.Missing;

    public Observation<IReadOnlyList<GlassToGlassSample>> PlaylistLatency { get; private set; } = Observation<IReadOnlyList<GlassToGlassSample>>.Missing;

    /// <summary>What the fixture logged (the demo's output, the browser's messages), for a failing test to print.</summary>
    public string Log => string.Join('\n', _log);

    public async Task InitializeAsync()
    {
        StartedUtc = DateTimeOffset.UtcNow;
        _demo = RafeCastDemo.Start(Home,
            ["--duration", Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--listen", "127.0.0.1:0", "--seed", "7", "--status", "2", "--ground-truth", GroundTruthPath],
            Write);
        var viewer = await _demo.ViewerAsync(TimeSpan.FromSeconds(120));
        var watch = await _demo.WatchAsync(Stream, TimeSpan.FromSeconds(60));
        Write($"fixture: the demo serves {watch}");

        // A viewer's view of the live stream, then the page and the playlist's latency side by side, while the drones fly.
        Live = await Observation<LiveObservation>.CaptureAsync(() => ObserveLiveAsync(viewer));
        var page = Observation<ViewerObservation>.CaptureAsync(() => ObserveViewerAsync(watch));
        var playlist = Observation<IReadOnlyList<GlassToGlassSample>>.CaptureAsync(() => MeasurePlaylistAsync(Live));
        Viewer = await page;
        PlaylistLatency = await playlist;

        ExitCode = await _demo.Exited.WaitAsync(TimeSpan.FromSeconds(Seconds + 240));
        EndedUtc = DateTimeOffset.UtcNow;
        Write($"fixture: the demo exited with code {ExitCode}");

        // The demo's archive, as an editor's tools open it: the embedded Azurite of the same data directory.
        Storage = new StorageAccountProvider(Options.Create(new StorageOptions { DataDirectory = Home }), NullLoggerFactory.Instance);
        Archive = (await Storage.GetAsync(CancellationToken.None)).Archive;
    }

    /// <summary>The demo's storage, started again on its data after the demo ended (rafecast archive attaches to it).</summary>
    public StorageAccountProvider? Storage { get; private set; }

    public Azure.Storage.Blobs.BlobContainerClient Archive { get; private set; } = null!;

    public async Task DisposeAsync()
    {
        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }
        if (Storage is not null)
        {
            await Storage.DisposeAsync();
        }
        Root.Dispose();
    }

    private void Write(string line)
    {
        _log.Enqueue(line);
        sink.OnMessage(new DiagnosticMessage(line));
    }

    private static async Task<LiveObservation> ObserveLiveAsync(Uri viewer)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var details = JsonDocument.Parse(await http.GetStringAsync(new Uri(viewer, $"/api/streams/{Stream}")));
        var source = details.RootElement.GetProperty("source");
        var master = new Uri(source.GetProperty("master").GetString()!);
        var query = source.GetProperty("query").GetString()!;
        var masterText = await http.GetStringAsync(new UriBuilder(master) { Query = query }.Uri);
        var rungs = masterText.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var rung = new Uri(master, rungs[0]);
        var playlist = await http.GetStringAsync(new UriBuilder(rung) { Query = query }.Uri);
        var segment = new Uri(rung, playlist.Split('\n', StringSplitOptions.TrimEntries).Last(l => l.Length > 0 && !l.StartsWith('#')));
        var bytes = await http.GetByteArrayAsync(new UriBuilder(segment) { Query = query }.Uri);
        using var unsigned = await http.GetAsync(segment);
        return new LiveObservation(master, query, masterText, rung, playlist, segment, bytes, (int)unsigned.StatusCode);
    }

    private async Task<ViewerObservation> ObserveViewerAsync(Uri watch)
    {
        await using var browser = await HeadlessChromium.LaunchAsync(Write);
        var status = await browser.GotoAsync(watch, TimeSpan.FromSeconds(30));
        await browser.WaitForAsync("document.getElementById('video').currentTime > 0.5", TimeSpan.FromSeconds(60));
        var first = await browser.EvaluateAsync<double>("document.getElementById('video').currentTime");
        var clock = Stopwatch.StartNew();
        await browser.WaitForAsync($"document.getElementById('video').currentTime > {first.ToString(System.Globalization.CultureInfo.InvariantCulture)} + 2", TimeSpan.FromSeconds(30));
        var second = await browser.EvaluateAsync<double>("document.getElementById('video').currentTime");
        var elapsed = clock.Elapsed;
        await browser.WaitForAsync("document.querySelector('#layer-vehicles .vehicle.watched') !== null", TimeSpan.FromSeconds(30));
        var drone = await browser.EvaluateAsync<double[]>("(() => { const v = document.querySelector('#layer-vehicles .vehicle.watched'); return [Number(v.dataset.lat), Number(v.dataset.lon)]; })()");
        var domes = await browser.EvaluateAsync<int>("document.querySelectorAll('#layer-domes .dome').length");
        var latency = await GlassToGlass.ViewerAsync(browser, 50, CancellationToken.None);
        return new ViewerObservation(status, first, second, elapsed, drone!, domes, latency, [.. browser.PageMessages]);
    }

    private static async Task<IReadOnlyList<GlassToGlassSample>> MeasurePlaylistAsync(Observation<LiveObservation> live)
    {
        var observed = live.Value;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        // The source rung: the camera's frames as they were sent (the demo's ladder passes them through).
        var source = new Uri(observed.Master, "source/live.m3u8");
        return await GlassToGlass.PlaylistAsync(http, source, observed.Query, TimeSpan.FromSeconds(16), TimeSpan.FromMilliseconds(100), CancellationToken.None);
    }
}

/// <summary>What a viewer fetched from the blob endpoint with the station's read-only SAS.</summary>
public sealed record LiveObservation(Uri Master, string Query, string MasterText, Uri Rung, string Playlist, Uri Segment, byte[] SegmentBytes, int UnsignedStatus);

/// <summary>What the watch page did in Chromium.</summary>
public sealed record ViewerObservation(int? Status, double FirstTime, double SecondTime, TimeSpan Between, double[] Drone, int Domes, IReadOnlyList<GlassToGlassSample> Latency, IReadOnlyList<string> PageMessages);

/// <summary>A value observed while the demo ran, or why it could not be.</summary>
public sealed record Observation<T>(T? Result, Exception? Error)
{
    public static Observation<T> Missing { get; } = new(default, new InvalidOperationException("not observed"));

    /// <summary>The value; the recorded error when there is none.</summary>
    public T Value => Error is null ? Result! : throw new InvalidOperationException($"While the demo ran this could not be observed: {Error.Message}", Error);

    public static async Task<Observation<T>> CaptureAsync(Func<Task<T>> observe)
    {
        try
        {
            return new Observation<T>(await observe(), null);
        }
        catch (Exception ex)
        {
            return new Observation<T>(default, ex);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoRunCollection : ICollectionFixture<DemoRunFixture>
{
    public const string Name = "demo run";
}
