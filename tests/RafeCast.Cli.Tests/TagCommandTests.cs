using System.Globalization;
using System.Text.Json;
using RafeCast.Cli.Infrastructure;
using RafeCast.Testing;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

public sealed class TagCommandTests
{
    private static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var exit = await RafeCastApp.Create(console).RunAsync(args, CancellationToken.None);
        return (exit, console.Output);
    }

    private static List<JsonElement> JsonLines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    private static DateTimeOffset Time(JsonElement element, string name) =>
        DateTimeOffset.Parse(element.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Tag_Json_PrintsSegmentAndCrossingLinesInTheContractShape()
    {
        using var directory = new TempDirectory("tag");
        var tlog = directory.Combine("flight.tlog");
        var duration = await TagTestFlight.WriteAsync(tlog, TagTestFlight.WestEastFrom, TagTestFlight.WestEastTo);

        var (exit, output) = await Run("tag", "--domes", TagTestFlight.DemoDomes, "--telemetry", tlog, "--json");

        Assert.Equal(ExitCodes.Success, exit);
        var lines = JsonLines(output);
        var segments = lines.Where(l => l.GetProperty("type").GetString() == "segment").ToList();
        var crossings = lines.Where(l => l.GetProperty("type").GetString() == "crossing").ToList();
        Assert.Equal(lines.Count, segments.Count + crossings.Count);
        Assert.Equal((int)Math.Ceiling(duration / 2), segments.Count);
        Assert.All(segments, s => Assert.Equal(["type", "start", "end", "classification", "domes", "position", "stale"], s.EnumerateObject().Select(p => p.Name)));
        Assert.All(crossings, c => Assert.Equal(["type", "dome", "direction", "time", "lat", "lon"], c.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(TagTestFlight.Start, Time(segments[0], "start"));
        Assert.Equal(TagTestFlight.Start.AddSeconds(2), Time(segments[0], "end"));
        Assert.Equal(["lat", "lon", "alt_rel"], segments[0].GetProperty("position").EnumerateObject().Select(p => p.Name));
        Assert.Equal(30, segments[0].GetProperty("position").GetProperty("alt_rel").GetDouble(), 0.01);
        Assert.All(segments, s => Assert.False(s.GetProperty("stale").GetBoolean()));

        // The pass crosses five domes of the demo city (and the orchard's courtyard hole: out and back in).
        var byDome = crossings.GroupBy(c => c.GetProperty("dome").GetString()!).ToDictionary(g => g.Key, g => g.Select(c => c.GetProperty("direction").GetString()).ToList());
        Assert.Equal(["enter", "exit"], byDome["dome-stromlo-east"]);
        Assert.Equal(["enter", "exit"], byDome["dome-cmac-hangar"]);
        Assert.Equal(["enter", "exit", "enter", "exit"], byDome["dome-weston-orchard"]);
        Assert.Equal(["enter", "exit"], byDome["dome-duffy-market"]);
        Assert.Equal(["enter", "exit"], byDome["dome-market-annex"]);
        // Stromlo East is a 200 m circle centred 300 m along the line: entered 100 m in, at 15 m/s.
        var enter = crossings.First(c => c.GetProperty("dome").GetString() == "dome-stromlo-east");
        Assert.InRange((Time(enter, "time") - TagTestFlight.Start).TotalSeconds, (100 / 15.0) - 0.05, (100 / 15.0) + 0.05);
        // Each crossing line follows the segment it falls in.
        var segmentOfFirstCrossing = lines.Take(lines.IndexOf(enter)).Last(l => l.GetProperty("type").GetString() == "segment");
        Assert.Equal("crossing", segmentOfFirstCrossing.GetProperty("classification").GetString());
        Assert.InRange(Time(enter, "time"), Time(segmentOfFirstCrossing, "start"), Time(segmentOfFirstCrossing, "end"));
        // 10-12 s: 150-180 m along, inside Stromlo East.
        Assert.Equal("inside:dome-stromlo-east", segments[5].GetProperty("classification").GetString());
        Assert.Equal(["dome-stromlo-east"], segments[5].GetProperty("domes").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("outside", segments[0].GetProperty("classification").GetString());
    }

    [Fact]
    public async Task Tag_TelemetryGap_MakesTheSegmentsInsideItUnknown()
    {
        using var directory = new TempDirectory("tag");
        var tlog = directory.Combine("gappy.tlog");
        await TagTestFlight.WriteAsync(tlog, TagTestFlight.WestEastFrom, TagTestFlight.WestEastTo, keep: t => t is < 60 or > 80);

        var (exit, output) = await Run("tag", "--domes", TagTestFlight.DemoDomes, "--telemetry", tlog, "--json", "--segment-seconds", "4");

        Assert.Equal(ExitCodes.Success, exit);
        var segments = JsonLines(output).Where(l => l.GetProperty("type").GetString() == "segment").ToList();
        var inGap = segments.Where(s => Time(s, "start") >= TagTestFlight.Start.AddSeconds(64) && Time(s, "end") <= TagTestFlight.Start.AddSeconds(76)).ToList();
        Assert.Equal(3, inGap.Count);
        Assert.All(inGap, s =>
        {
            Assert.Equal("unknown", s.GetProperty("classification").GetString());
            Assert.True(s.GetProperty("stale").GetBoolean());
            Assert.Equal(JsonValueKind.Null, s.GetProperty("position").ValueKind);
        });
        Assert.Equal(3 + 2, segments.Count(s => s.GetProperty("stale").GetBoolean()));
    }

    [Fact]
    public async Task Tag_Playlist_TagsItsSegmentsAndWritesSidecars()
    {
        using var directory = new TempDirectory("tag");
        var tlog = directory.Combine("flight.tlog");
        await TagTestFlight.WriteAsync(tlog, TagTestFlight.WestEastFrom, TagTestFlight.WestEastTo);
        var playlist = directory.Combine("720p.m3u8");
        await File.WriteAllTextAsync(playlist, string.Join('\n',
            "#EXTM3U", "#EXT-X-VERSION:6", "#EXT-X-TARGETDURATION:4", "#EXT-X-MEDIA-SEQUENCE:10",
            "#EXTINF:4.000,", "seg_00010.ts",
            "#EXT-X-PROGRAM-DATE-TIME:2026-11-26T10:30:14.000Z",
            "#EXTINF:4.000,", "seg_00011.ts",
            "#EXTINF:2.500,", "seg_00012.ts", ""));
        var sidecars = directory.Combine("sidecars");

        var (exit, output) = await Run("tag", "--domes", TagTestFlight.DemoDomes, "--telemetry", tlog, "--playlist", playlist, "--json", "--sidecars", sidecars);

        Assert.Equal(ExitCodes.Success, exit);
        var segments = JsonLines(output).Where(l => l.GetProperty("type").GetString() == "segment").ToList();
        Assert.Equal([10.0, 14.0, 18.0], segments.Select(s => (Time(s, "start") - TagTestFlight.Start).TotalSeconds));
        Assert.Equal(20.5, (Time(segments[2], "end") - TagTestFlight.Start).TotalSeconds);
        foreach (var name in new[] { "seg_00010", "seg_00011", "seg_00012" })
        {
            foreach (var extension in new[] { ".geojson", ".gpx", ".vtt", ".srt" })
            {
                Assert.True(File.Exists(Path.Combine(sidecars, "segments", name + extension)), name + extension);
            }
        }
        Assert.True(File.Exists(Path.Combine(sidecars, "flight.gpx")));
        var vtt = await File.ReadAllLinesAsync(Path.Combine(sidecars, "flight.vtt"));
        Assert.Equal("WEBVTT", vtt[0]);
        Assert.Contains(vtt, line => line.Contains("\"dome\":\"dome-cmac-hangar\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tag_WithoutJson_PrintsReadableLinesAndASummary()
    {
        using var directory = new TempDirectory("tag");
        var tlog = directory.Combine("flight.tlog");
        await TagTestFlight.WriteAsync(tlog, TagTestFlight.WestEastFrom, TagTestFlight.WestEastTo);

        var (exit, output) = await Run("tag", "--domes", TagTestFlight.DemoDomes, "--telemetry", tlog, "--segment-seconds", "10");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("10:30:00.000-10:30:10.000  crossing", output, StringComparison.Ordinal);
        Assert.Contains("enter dome-stromlo-east at -35.36", output, StringComparison.Ordinal);
        Assert.Matches(@"16 segment\(s\): .*crossing; \d+ crossing\(s\)", output);
    }

    [Fact]
    public async Task Tag_SegmentSecondsAndPlaylistTogether_IsAUsageError()
    {
        var (exit, output) = await Run("tag", "--domes", "d.geojson", "--telemetry", "f.tlog", "--segment-seconds", "2", "--playlist", "p.m3u8");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("exclude each other", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--telemetry", "f.tlog")]
    [InlineData("--domes", "d.geojson")]
    public async Task Tag_MissingRequiredOption_IsAUsageError(string option, string value)
    {
        var (exit, output) = await Run("tag", option, value);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("is required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_MissingFiles_AreUsageErrorsNamingTheFile()
    {
        var (exit, output) = await Run("tag", "--domes", TagTestFlight.DemoDomes, "--telemetry", "/nonexistent/flight.tlog");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("/nonexistent/flight.tlog does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_InvalidRegistry_FailsListingItsProblems()
    {
        using var directory = new TempDirectory("tag");
        var domes = directory.Combine("bad.geojson");
        await File.WriteAllTextAsync(domes, """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}""");

        var (exit, output) = await Run("tag", "--domes", domes, "--telemetry", "/nonexistent/flight.tlog");

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("feature 0: the feature has no \"id\" property", output, StringComparison.Ordinal);
        Assert.Contains("has 2 problem(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_FileWithoutPositions_FailsClearly()
    {
        using var directory = new TempDirectory("tag");
        var notATlog = directory.Combine("notes.tlog");
        await File.WriteAllTextAsync(notATlog, "these are my flight notes, not telemetry");

        var (exit, output) = await Run("tag", "--domes", TagTestFlight.DemoDomes, "--telemetry", notATlog);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("holds no position telemetry (GLOBAL_POSITION_INT)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_TwoVehicles_AsksForOneAndTagsTheChosenOne()
    {
        using var directory = new TempDirectory("tag");
        var first = directory.Combine("one.tlog");
        var second = directory.Combine("two.tlog");
        await TagTestFlight.WriteAsync(first, TagTestFlight.WestEastFrom, TagTestFlight.WestEastTo, systemId: 1);
        await TagTestFlight.WriteAsync(second, TagTestFlight.WestEastTo, TagTestFlight.WestEastFrom, systemId: 2);
        var both = directory.Combine("both.tlog");
        await File.WriteAllBytesAsync(both, [.. await File.ReadAllBytesAsync(first), .. await File.ReadAllBytesAsync(second)]);

        var (ambiguous, message) = await Run("tag", "--domes", TagTestFlight.DemoDomes, "--telemetry", both);
        var (exit, output) = await Run("tag", "--domes", TagTestFlight.DemoDomes, "--telemetry", both, "--vehicle", "2", "--json", "--segment-seconds", "200");

        Assert.Equal(ExitCodes.Usage, ambiguous);
        Assert.Contains("vehicles 1, 2; choose one with --vehicle", message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, exit);
        // Vehicle 2 flies east to west: Duffy Market's crossings come before Stromlo East's.
        var crossings = JsonLines(output).Where(l => l.GetProperty("type").GetString() == "crossing").Select(l => l.GetProperty("dome").GetString()).ToList();
        Assert.True(crossings.IndexOf("dome-duffy-market") < crossings.IndexOf("dome-stromlo-east"));
    }
}
