using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs.Models;
using RafeCast.Core.Geodesy;
using RafeCast.Geo;
using RafeCast.Geo.Domes;
using RafeCast.Testing.Demo;
using RafeCast.Testing.Media;
using Xunit.Abstractions;

namespace RafeCast.EndToEnd.Tests;

/// <summary>
/// README command 1 end to end: <c>rafecast demo</c> with two simulated drones for 80 s (see <see cref="DemoRunFixture"/>),
/// then the archive it leaves, read back with the editor's tools and checked against the simulator's ground truth.
/// </summary>
[Collection(DemoRunCollection.Name)]
public sealed partial class DemoRunTests(DemoRunFixture demo, ITestOutputHelper output)
{
    /// <summary>GLOBAL_POSITION_INT's interval in the simulator (5 Hz): crossings are interpolated between two fixes.</summary>
    private static readonly TimeSpan TelemetryInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The demo's viewer port unless it is taken.</summary>
    private const int DefaultViewerPort = 8080;

    [Fact]
    public void Demo_RunsForItsDuration_ExitsZeroAndPrintsSummaryAndArchive()
    {
        Report();

        Assert.Equal(0, demo.ExitCode);
        Assert.Contains("viewer:", demo.Output, StringComparison.Ordinal);
        Assert.Contains("In the archive", demo.Output, StringComparison.Ordinal);
        Assert.Matches(@"\d+ flight\(s\), \d+ segment\(s\)\.", demo.Output);
        Assert.Contains("Where the data is: " + demo.Home, demo.Output, StringComparison.Ordinal);
        // The live summary counted crossings as the telemetry arrived (DomeCrossed is published live).
        var summaries = SummaryLine().Matches(demo.Output);
        Assert.NotEmpty(summaries);
        var last = summaries[^1];
        Assert.Equal("2/2", last.Groups["vehicles"].Value);
        Assert.True(int.Parse(last.Groups["crossings"].Value, CultureInfo.InvariantCulture) >= 4, $"live crossings: {last.Value}");
        Assert.True(int.Parse(last.Groups["published"].Value, CultureInfo.InvariantCulture) >= 40, $"segments published: {last.Value}");
        Assert.Equal("0", last.Groups["outbox"].Value);
    }

    [Fact]
    public void LiveStream_FromTheBlobEndpoint_MasterPlaylistAndSegmentsAreReadableWithTheViewerSas()
    {
        var live = demo.Live.Value;

        Assert.Contains("#EXT-X-STREAM-INF", live.MasterText, StringComparison.Ordinal);
        Assert.Contains("source/live.m3u8", live.MasterText, StringComparison.Ordinal);
        Assert.Contains("240p/live.m3u8", live.MasterText, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-PROGRAM-DATE-TIME:", live.Playlist, StringComparison.Ordinal);
        Assert.Contains("#EXTINF:", live.Playlist, StringComparison.Ordinal);
        Assert.True(live.SegmentBytes.Length > 10_000, $"segment {live.Segment} has {live.SegmentBytes.Length} bytes");
        Assert.Equal(0x47, live.SegmentBytes[0]); // MPEG-TS sync byte
        Assert.Contains("sp=r", live.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("sp=rl", live.Query, StringComparison.Ordinal);
        Assert.True(live.UnsignedStatus >= 400, $"a request without the SAS got {live.UnsignedStatus}");
    }

    [Fact]
    public void ViewerPage_InChromium_PlaysTheLiveVideoAndShowsTheDroneOnTheMap()
    {
        var viewer = demo.Viewer.Value;

        Assert.Equal(200, viewer.Status);
        Assert.True(viewer.SecondTime > viewer.FirstTime + 2, $"currentTime went from {viewer.FirstTime} to {viewer.SecondTime} in {viewer.Between}");
        Assert.InRange(viewer.Drone[0], -35.3650, -35.3600);
        Assert.InRange(viewer.Drone[1], 149.1540, 149.1800);
        Assert.Equal(7, viewer.Domes);
        Assert.DoesNotContain(viewer.PageMessages, m => m.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public void GlassToGlass_CameraClockToLivePlaylistAndToTheViewer_IsMeasured()
    {
        var playlist = demo.PlaylistLatency.Value;
        var viewer = demo.Viewer.Value.Latency;

        output.WriteLine($"glass to glass, camera frame → listed in the live playlist (blob, source rung): {GlassToGlass.Describe(playlist)}");
        output.WriteLine($"glass to glass, camera frame → shown by the watch page (Chromium): {GlassToGlass.Describe(viewer)}");
        foreach (var sample in playlist)
        {
            output.WriteLine($"  {sample.Segment}: captured {sample.CapturedUtc:HH:mm:ss.fff}, listed {sample.VisibleUtc:HH:mm:ss.fff}, {sample.Latency.TotalSeconds:0.000} s");
        }
        Assert.True(playlist.Count >= 4, $"{playlist.Count} segments appeared while the playlist was watched");
        Assert.True(viewer.Count >= 25, $"{viewer.Count} frames were read from the page");
        // A segment is listed only after its last frame was filmed, i.e. once the next one has begun (the segmenter
        // cuts on the camera's 1 s keyframes, so a segment is not always 2 s long); the poll adds up to 0.1 s of error.
        Assert.All(playlist, s => Assert.InRange(s.Latency.TotalSeconds, 0.5, 30));
        var ordered = playlist.OrderBy(s => s.CapturedUtc).ToList();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(
            pair.First.VisibleUtc >= pair.Second.CapturedUtc - TimeSpan.FromSeconds(0.1),
            $"{pair.First.Segment} was listed at {pair.First.VisibleUtc:HH:mm:ss.fff}, before {pair.Second.Segment} began at {pair.Second.CapturedUtc:HH:mm:ss.fff}"));
        Assert.All(viewer, s => Assert.InRange(s.Latency.TotalSeconds, 0, 60));
    }

    [Fact]
    public async Task Archive_AfterTheDemo_HoldsEverySpoolSegmentWithItsTags()
    {
        var archived = new Dictionary<string, BlobItem>(StringComparer.Ordinal);
        await foreach (var blob in demo.Archive.GetBlobsAsync(BlobTraits.Tags | BlobTraits.Metadata, BlobStates.None, prefix: null, CancellationToken.None))
        {
            if (blob.Name.EndsWith(".ts", StringComparison.Ordinal))
            {
                // yyyy/MM/dd/{flight}/{stream}/{rung}/{file}
                archived[string.Join('/', blob.Name.Split('/')[^3..])] = blob;
            }
        }
        var spool = Path.Combine(demo.Home, "spool", "video");
        var files = Directory.EnumerateFiles(spool, "*.ts", SearchOption.AllDirectories).ToList();

        Assert.True(files.Count >= 80, $"{files.Count} segments in the spool");
        Assert.Equal(files.Count, archived.Count);
        foreach (var file in files)
        {
            var key = Path.GetRelativePath(spool, file).Replace('\\', '/');
            Assert.True(archived.TryGetValue(key, out var blob), $"{key} is not in the archive");
            Assert.Equal(MD5.HashData(await File.ReadAllBytesAsync(file)), blob.Properties.ContentHash);
            var tags = blob.Tags;
            Assert.Equal("segment", tags["kind"]);
            Assert.Equal("RafeCast demo", tags["pilot"]);
            Assert.Matches("^(ground-)?[0-9TZ-]+-v[12]$", tags["flight"]);
            Assert.Contains(tags["vehicle"], new[] { "1", "2" });
            Assert.Matches("^(dome-[a-z-]+|outside|unknown)$", tags["dome"]);
            Assert.Contains(tags["crossing"], new[] { "yes", "no" });
            Assert.True(tags.ContainsKey("captured") && tags.ContainsKey("stream") && tags.ContainsKey("rung"));
        }
        Assert.Contains(archived.Values, b => b.Tags["crossing"] == "yes");
        Assert.Contains(archived.Values, b => b.Tags["dome"] == "dome-stromlo-east");
    }

    [Fact]
    public async Task SegmentStartTimes_InTheArchive_MatchTheCamerasBurnedInClock()
    {
        var checkedSegments = 0;
        await foreach (var blob in demo.Archive.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix: null, CancellationToken.None))
        {
            // The first segments of a run start wherever the camera's stream was joined, mid-GOP: their first packets
            // cannot be decoded, so their first picture is not their first frame. Later ones start on a keyframe.
            if (!blob.Name.EndsWith(".ts", StringComparison.Ordinal) || !blob.Name.Contains("/source/", StringComparison.Ordinal)
                || long.Parse(blob.Metadata["sequence"], CultureInfo.InvariantCulture) < 2 || checkedSegments >= 6)
            {
                continue;
            }
            var start = DateTimeOffset.Parse(blob.Metadata["start_utc"], CultureInfo.InvariantCulture);
            var local = Path.Combine(demo.Home, "spool", "video", string.Join('/', blob.Name.Split('/')[^3..]));
            var burned = await CameraClock.ReadFirstFrameAsync(local, start);
            output.WriteLine($"{blob.Name}: tagged start {start:HH:mm:ss.fff}, camera clock {burned:HH:mm:ss.fff}");
            // The tags, the playlists' PROGRAM-DATE-TIME and the crossings all hang on this time.
            Assert.InRange((start - burned).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(300));
            checkedSegments++;
        }
        Assert.Equal(6, checkedSegments);
    }

    [Fact]
    public async Task Crossings_InTheArchive_MatchTheSimulatorsGroundTruthWithinOneTelemetryInterval()
    {
        var registry = DomeRegistryReader.Load(SampleRegistries.DemoCityPath);
        var truth = TruthCrossings(registry, await File.ReadAllLinesAsync(demo.GroundTruthPath));
        // The fixture's run only (another test runs the demo again on the same data).
        var flights = (await ArchivedFlightsAsync()).Where(f => f.StartUtc >= demo.StartedUtc && f.StartUtc < demo.EndedUtc).ToList();

        var archived = flights.SelectMany(f => f.Crossings).ToList();
        foreach (var c in truth)
        {
            output.WriteLine($"truth    v{c.Vehicle} {c.Dome} {c.Direction} {c.Time:HH:mm:ss.fff}");
        }
        foreach (var c in archived)
        {
            output.WriteLine($"archived v{c.Vehicle} {c.Dome} {c.Direction} {c.Time:HH:mm:ss.fff}");
        }
        Assert.True(archived.Count >= 4, $"{archived.Count} crossings archived");
        foreach (var crossing in archived)
        {
            Assert.Contains(truth, t => Same(t, crossing));
        }
        // Every true crossing while a flight was being filmed is in the archive.
        foreach (var t in truth)
        {
            var filmed = flights.Any(f => f.Vehicle == t.Vehicle && t.Time > f.StartUtc + TelemetryInterval && t.Time < f.EndUtc - TelemetryInterval);
            if (filmed)
            {
                Assert.Contains(archived, a => Same(t, a));
            }
        }

        static bool Same(CrossingAt a, CrossingAt b) =>
            a.Vehicle == b.Vehicle && a.Dome == b.Dome && a.Direction == b.Direction && (a.Time - b.Time).Duration() <= TelemetryInterval;
    }

    [Fact]
    public async Task ArchiveCli_AfterTheDemo_SearchPullAndClipWorkWithNoConfiguration()
    {
        var timeout = TimeSpan.FromMinutes(2);
        var (searchCode, searchOutput) = await RafeCastDemo.RunCliAsync(demo.Home, ["archive", "search", "--json"], timeout, output.WriteLine);
        Assert.Equal(0, searchCode);
        var found = searchOutput.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var flight = found.First(f => !f.GetProperty("flight").GetString()!.StartsWith("ground-", StringComparison.Ordinal) && f.GetProperty("crossings").GetInt32() > 0);
        var id = flight.GetProperty("flight").GetString()!;
        Assert.Contains(found, f => f.GetProperty("vehicle").GetInt32() == 1);
        Assert.Contains(found, f => f.GetProperty("vehicle").GetInt32() == 2);

        var pulled = Path.Combine(demo.Root.Path, "pulled");
        var (pullCode, _) = await RafeCastDemo.RunCliAsync(demo.Home, ["archive", "pull", id, "--out", pulled], timeout, output.WriteLine);
        Assert.Equal(0, pullCode);
        var folder = Path.Combine(pulled, id);
        foreach (var name in new[] { "flight.json", "telemetry.tlog", "track.gpx", "track.geojson", "v1-cam0/subtitles.vtt", "v1-cam0/master.m3u8", "v1-cam0/source/event.m3u8", "v1-cam0/240p/event.m3u8" })
        {
            Assert.True(File.Exists(Path.Combine(folder, name.Replace('/', Path.DirectorySeparatorChar))) || !name.StartsWith("v1", StringComparison.Ordinal) || flight.GetProperty("vehicle").GetInt32() != 1,
                $"{name} was not pulled");
        }
        var stream = flight.GetProperty("vehicle").GetInt32() == 1 ? "v1-cam0" : "v2-cam0";
        var eventPlaylist = await File.ReadAllTextAsync(Path.Combine(folder, stream, "source", "event.m3u8"));
        Assert.Contains("#EXT-X-ENDLIST", eventPlaylist, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-DATERANGE:", eventPlaylist, StringComparison.Ordinal);
        Assert.Contains("CLASS=\"com.rafecast.dome-crossing\"", eventPlaylist, StringComparison.Ordinal);

        var start = DateTimeOffset.Parse(flight.GetProperty("start").GetString()!, CultureInfo.InvariantCulture);
        var clip = Path.Combine(demo.Root.Path, "clip.mp4");
        var (clipCode, _) = await RafeCastDemo.RunCliAsync(demo.Home,
            ["archive", "clip", id, "--from", Iso(start + TimeSpan.FromSeconds(10)), "--to", Iso(start + TimeSpan.FromSeconds(20)), "--out", clip], timeout, output.WriteLine);
        Assert.Equal(0, clipCode);
        Assert.InRange(await DurationSecondsAsync(clip), 8, 14);
        Assert.True(File.Exists(Path.ChangeExtension(clip, ".gpx")), "clip.gpx beside the clip");
    }

    [Fact]
    public async Task SecondRun_CtrlCWithTheViewerPortTaken_PicksAnotherPortStopsCleanlyAndEndsItsPlaylists()
    {
        // Hold the usual viewer port (or find it held already): the second run must take another one.
        System.Net.Sockets.TcpListener? held = null;
        try
        {
            held = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, DefaultViewerPort);
            held.Start();
        }
        catch (System.Net.Sockets.SocketException)
        {
            held = null;
        }
        try
        {
            await using var second = RafeCastDemo.Start(demo.Home, ["--seed", "8", "--status", "2"], output.WriteLine);
            var viewer = await second.ViewerAsync(TimeSpan.FromSeconds(120));
            await second.WatchAsync(DemoRunFixture.Stream, TimeSpan.FromSeconds(90));

            await second.InterruptAsync(); // Ctrl-C
            var exit = await second.Exited.WaitAsync(TimeSpan.FromMinutes(4));

            var printed = string.Join('\n', second.Output);
            Assert.Equal(0, exit);
            Assert.NotEqual(DefaultViewerPort, viewer.Port);
            Assert.Contains("is in use, so the viewer took another one", printed, StringComparison.Ordinal);
            Assert.Contains("In the archive", printed, StringComparison.Ordinal);
            Assert.Matches(@"\(0\s+job\(s\)\s+left\)", printed);
        }
        finally
        {
            held?.Stop();
        }
        // Both runs' flights are in the one archive, every flight's event playlists ended.
        var flights = await ArchivedFlightsAsync();
        Assert.True(flights.Count >= 4, $"{flights.Count} flights archived over two runs");
        await foreach (var blob in demo.Archive.GetBlobsAsync())
        {
            if (blob.Name.EndsWith("/event.m3u8", StringComparison.Ordinal))
            {
                var text = (await demo.Archive.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                Assert.True(text.TrimEnd().EndsWith("#EXT-X-ENDLIST", StringComparison.Ordinal), $"{blob.Name} is not ended");
            }
        }
    }

    private void Report()
    {
        output.WriteLine(demo.Log);
    }

    private sealed record CrossingAt(int Vehicle, string Dome, string Direction, DateTimeOffset Time);

    private sealed record ArchivedFlight(int Vehicle, DateTimeOffset StartUtc, DateTimeOffset EndUtc, IReadOnlyList<CrossingAt> Crossings);

    /// <summary>Where the true track changes from outside to inside a dome or back, between two 50 Hz truth samples.</summary>
    private static List<CrossingAt> TruthCrossings(DomeRegistry registry, IEnumerable<string> lines)
    {
        var crossings = new List<CrossingAt>();
        var previous = new Dictionary<int, (DateTimeOffset Time, HashSet<string> Inside)>();
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            using var row = JsonDocument.Parse(line);
            var r = row.RootElement;
            var vehicle = r.GetProperty("vehicle").GetInt32();
            var time = DateTimeOffset.Parse(r.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
            var position = new GeoPosition(r.GetProperty("lat").GetDouble(), r.GetProperty("lon").GetDouble(), 0, r.GetProperty("altRel").GetDouble());
            var inside = registry.Hits(position, time).Where(h => h.Presence == DomePresence.Inside).Select(h => registry.Domes[h.DomeIndex].Id).ToHashSet(StringComparer.Ordinal);
            if (previous.TryGetValue(vehicle, out var before))
            {
                var at = before.Time + ((time - before.Time) / 2);
                crossings.AddRange(inside.Except(before.Inside).Select(d => new CrossingAt(vehicle, d, "enter", at)));
                crossings.AddRange(before.Inside.Except(inside).Select(d => new CrossingAt(vehicle, d, "exit", at)));
            }
            previous[vehicle] = (time, inside);
        }
        return crossings;
    }

    private async Task<IReadOnlyList<ArchivedFlight>> ArchivedFlightsAsync()
    {
        var flights = new List<ArchivedFlight>();
        await foreach (var blob in demo.Archive.GetBlobsAsync())
        {
            if (!blob.Name.EndsWith("/flight.json", StringComparison.Ordinal))
            {
                continue;
            }
            using var item = JsonDocument.Parse((await demo.Archive.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToMemory());
            var properties = item.RootElement.GetProperty("properties");
            var vehicle = properties.GetProperty("rafecast:vehicle").GetInt32();
            var crossings = properties.GetProperty("rafecast:crossings").EnumerateArray()
                .Select(c => new CrossingAt(vehicle, c.GetProperty("dome").GetString()!, c.GetProperty("direction").GetString()!,
                    DateTimeOffset.Parse(c.GetProperty("datetime").GetString()!, CultureInfo.InvariantCulture)))
                .ToList();
            flights.Add(new ArchivedFlight(vehicle,
                DateTimeOffset.Parse(properties.GetProperty("start_datetime").GetString()!, CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(properties.GetProperty("end_datetime").GetString()!, CultureInfo.InvariantCulture),
                crossings));
        }
        return flights;
    }

    private static async Task<double> DurationSecondsAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path })
        {
            start.ArgumentList.Add(a);
        }
        using var ffprobe = Process.Start(start)!;
        var text = await ffprobe.StandardOutput.ReadToEndAsync();
        await ffprobe.WaitForExitAsync();
        return double.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"vehicles (?<vehicles>\d+/\d+)\s+flights \d+\s+segments published (?<published>\d+)\s+crossings (?<crossings>\d+)\s+outbox (?<outbox>\d+)")]
    private static partial Regex SummaryLine();
}
