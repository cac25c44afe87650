using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Cli.Commands.Archive;
using RafeCast.Cli.Infrastructure;
using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Tagging;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.Storage;
using RafeCast.Storage.Azurite;
using RafeCast.Storage.Outbox;
using RafeCast.Testing;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>A flight of four real one-second segments (made by ffmpeg) and a GPX sidecar, in its own Azurite.</summary>
public sealed class ArchiveClipFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);
    public static readonly FlightId Flight = FlightId.Armed(VehicleId.Autopilot(1), Start);
    private AzuriteProcess? _azurite;

    public TempDirectory Work { get; } = new("rafecast-cli-clip");

    public IConfiguration Configuration { get; private set; } = new ConfigurationBuilder().Build();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(RepositoryPaths.NodeBin("azurite-blob"), FreePort.Tcp(), null, NullLogger.Instance, CancellationToken.None);
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RafeCast:Storage:ConnectionString"] = _azurite.ConnectionString,
        }).Build();
        var spool = Work.Combine("spool");
        Directory.CreateDirectory(spool);
        RunFfmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac",
            "-f", "segment", "-segment_time", "1", "-reset_timestamps", "0", Path.Combine(spool, "%06d.ts"));

        var options = new StorageOptions { ConnectionString = _azurite.ConnectionString };
        await using var accounts = new StorageAccountProvider(Microsoft.Extensions.Options.Options.Create(options), NullLoggerFactory.Instance);
        using var outbox = DurableOutbox.Open(Work.Combine("outbox"), 1L << 30, TimeProvider.System, NullLogger<DurableOutbox>.Instance);
        for (var i = 0; i < 4; i++)
        {
            var path = Path.Combine(spool, $"{i:D6}.ts");
            var bytes = await File.ReadAllBytesAsync(path);
            var segment = new VideoSegment(new StreamId("v1-cam0"), "720p", i, Start + TimeSpan.FromSeconds(i), TimeSpan.FromSeconds(1), path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            var a = new GeoPosition(47.0 + (i * 0.001), 8.0, 500, 50);
            var b = new GeoPosition(47.0 + ((i + 1) * 0.001), 8.0, 500, 50);
            var classification = i == 2 ? SegmentClassification.InsideDome("dome-harbour") : SegmentClassification.Outside;
            string[] domes = i == 2 ? ["dome-harbour"] : [];
            var tags = new SegmentTags(classification, a, b, a, GeoBoundingBox.Around([a.Point, b.Point]), [a, b], 50, 50, 0, domes, domes, [], 10, "u0m6r", "u0m6rkd", false);
            outbox.EnqueueSegment(new TaggedSegment(segment, Flight, VehicleId.Autopilot(1), "Ada", tags), [], []);
        }
        var gpx = new XDocument(new XElement(XName.Get("gpx", "http://www.topografix.com/GPX/1/1"), new XAttribute("version", "1.1"),
            new XElement(XName.Get("trk", "http://www.topografix.com/GPX/1/1"), new XElement(XName.Get("trkseg", "http://www.topografix.com/GPX/1/1"),
                Enumerable.Range(0, 9).Select(k => new XElement(XName.Get("trkpt", "http://www.topografix.com/GPX/1/1"),
                    new XAttribute("lat", (47.0 + (k * 0.0005)).ToString(CultureInfo.InvariantCulture)), new XAttribute("lon", "8"),
                    new XElement(XName.Get("ele", "http://www.topografix.com/GPX/1/1"), 500 + k),
                    new XElement(XName.Get("time", "http://www.topografix.com/GPX/1/1"), (Start + TimeSpan.FromSeconds(k * 0.5)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))))))));
        outbox.EnqueueFile(new FlightFileUpload(Flight, VehicleId.Autopilot(1), "Ada", Start, "track.gpx", FlightFileKind.Sidecar), System.Text.Encoding.UTF8.GetBytes(gpx.ToString()));
        using var uploader = new OutboxUploader(outbox, accounts, new NoPublisher(), TimeProvider.System, NullLogger<OutboxUploader>.Instance);
        await uploader.DrainAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Work.Dispose();
    }

    /// <summary>Runs ffmpeg or ffprobe to completion (this class owns those test runs); returns stdout.</summary>
    public static string Run(string executable, params string[] args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', args)} did not finish in 60 s.");
        }
        Task.WaitAll(stdout, stderr);
        return process.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"{executable} {string.Join(' ', args)} failed: {stderr.Result}");
    }

    private static void RunFfmpeg(params string[] args) => Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", .. args]);

    private sealed class NoPublisher : IPublisher
    {
        public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification => ValueTask.CompletedTask;

        public ValueTask Publish(object notification, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}

public sealed class ArchiveClipTests(ArchiveClipFixture fixture) : IClassFixture<ArchiveClipFixture>
{
    private async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        ArchiveConnection.ConfigurationOverride = fixture.Configuration;
        var exit = await RafeCastApp.Create(console).RunAsync(args, CancellationToken.None);
        return (exit, console.Output);
    }

    [Fact]
    public async Task Clip_Window_WritesOneMp4WithoutReencodingAndSidecarsForTheWindow()
    {
        using var target = new TempDirectory("rafecast-clip-out");
        var output = target.Combine("clip.mp4");

        var (exit, text) = await Run("archive", "clip", ArchiveClipFixture.Flight.Value, "--from", "2026-11-26T10:30:01Z", "--to", "2026-11-26T10:30:03Z", "--out", output);

        Assert.True(exit == ExitCodes.Success, text);
        var probe = JsonDocument.Parse(ArchiveClipFixture.Run("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", output)).RootElement;
        var duration = double.Parse(probe.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(duration, 1.7, 2.4);
        Assert.Contains("mp4", probe.GetProperty("format").GetProperty("format_name").GetString(), StringComparison.Ordinal);
        var video = probe.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal(320, video.GetProperty("width").GetInt32());
        Assert.Contains(probe.GetProperty("streams").EnumerateArray(), s => s.GetProperty("codec_type").GetString() == "audio");

        var gpx = XDocument.Load(target.Combine("clip.gpx"));
        var times = gpx.Descendants().Where(e => e.Name.LocalName == "trkpt")
            .Select(p => DateTimeOffset.Parse(p.Elements().Single(e => e.Name.LocalName == "time").Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, times.Count); // 10:30:01.0, 01.5, 02.0, 02.5
        Assert.All(times, t => Assert.InRange(t, ArchiveClipFixture.Start.AddSeconds(1), ArchiveClipFixture.Start.AddSeconds(2.9)));
        var srt = await File.ReadAllTextAsync(target.Combine("clip.srt"));
        Assert.StartsWith("1\n00:00:00,000 --> 00:00:01,000\n", srt, StringComparison.Ordinal);
        Assert.Contains("inside dome-harbour", srt, StringComparison.Ordinal); // the second second is segment 2, inside the dome
        using var geojson = JsonDocument.Parse(await File.ReadAllBytesAsync(target.Combine("clip.geojson")));
        Assert.Equal(JsonValueKind.Object, geojson.RootElement.ValueKind);
        Assert.False(Directory.Exists(output + ".parts"));
    }

    [Fact]
    public async Task Clip_WindowWithoutFootage_FailsSayingSo()
    {
        using var target = new TempDirectory("rafecast-clip-out");

        var (exit, text) = await Run("archive", "clip", ArchiveClipFixture.Flight.Value, "--from", "2026-11-26T11:00:00Z", "--to", "2026-11-26T11:01:00Z", "--out", target.Combine("clip.mp4"));

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("no footage", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clip_ToBeforeFrom_IsAUsageError()
    {
        var (exit, text) = await Run("archive", "clip", ArchiveClipFixture.Flight.Value, "--from", "2026-11-26T10:30:03Z", "--to", "2026-11-26T10:30:01Z", "--out", "/tmp/x.mp4");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--to", text, StringComparison.Ordinal);
    }
}
