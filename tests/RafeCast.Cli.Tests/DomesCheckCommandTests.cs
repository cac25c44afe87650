using System.Diagnostics;
using RafeCast.Cli.Infrastructure;
using RafeCast.Testing;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

public sealed class DomesCheckCommandTests
{
    private const string TwoProblems = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"id":"dome-a"},"geometry":{"type":"Polygon","coordinates":[[[149.16,-35.36],[149.17,-35.36],[149.17,-35.35],[149.16,-35.36]]]}},
          {"type":"Feature","properties":{"id":"dome-open"},"geometry":{"type":"Polygon","coordinates":[[[149.18,-35.36],[149.19,-35.36],[149.19,-35.35],[149.18,-35.351]]]}},
          {"type":"Feature","properties":{"id":"dome-a"},"geometry":{"type":"Polygon","coordinates":[[[149.20,-35.36],[149.21,-35.36],[149.21,-35.35],[149.20,-35.36]]]}}
        ]}
        """;

    private static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var exit = await RafeCastApp.Create(console).RunAsync(args, CancellationToken.None);
        return (exit, console.Output);
    }

    [Fact]
    public async Task Check_DemoCityRegistry_PrintsTheSummaryTableAndExitsZero()
    {
        var (exit, output) = await Run("domes", "check", TagTestFlight.DemoDomes);

        Assert.Equal(ExitCodes.Success, exit);
        foreach (var id in new[] { "dome-stromlo-east", "dome-cmac-hangar", "dome-weston-orchard", "dome-duffy-market", "dome-market-annex", "dome-wetlands", "dome-ridge-pods" })
        {
            Assert.Contains(id, output, StringComparison.Ordinal);
        }
        Assert.Matches(@"^ID\s+NAME\s+KIND\s+AREA_KM2\s+HEIGHT_M\s+VALID", output);
        // Stromlo East: a 200 m circle (48-gon) is 0.125 km².
        Assert.Matches(@"dome-stromlo-east\s.*0\.125", output);
        Assert.Matches(@"dome-cmac-hangar\s.*0\.063\s.*40", output);
        Assert.Contains("2026-09-01 00:00Z to 2027-09-01 00:00Z", output, StringComparison.Ordinal);
        Assert.Contains("7 dome(s), no problems", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_InvalidRegistry_PrintsEachProblemAndExitsOne()
    {
        using var directory = new TempDirectory("domes");
        var file = directory.Combine("bad.geojson");
        await File.WriteAllTextAsync(file, TwoProblems);

        var (exit, output) = await Run("domes", "check", file);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("2 problem(s)", output, StringComparison.Ordinal);
        Assert.Contains("feature 1 (id 'dome-open'): outer ring is not closed: its first position [149.18, -35.36] differs from its last [149.18, -35.351]", output, StringComparison.Ordinal);
        Assert.Contains("at features[1].geometry.coordinates[0][3]", output, StringComparison.Ordinal);
        Assert.Contains("feature 2 (id 'dome-a'): id 'dome-a' is already used by feature 0; dome ids must be unique at features[2].properties.id", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_IsAUsageError()
    {
        var (exit, output) = await Run("domes", "check", "/nonexistent/domes.geojson");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("/nonexistent/domes.geojson does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AsARealProcess_ExitCodesReachTheShell()
    {
        using var directory = new TempDirectory("domes");
        var bad = directory.Combine("bad.geojson");
        await File.WriteAllTextAsync(bad, TwoProblems);
        var cli = Path.Combine(AppContext.BaseDirectory, "rafecast.dll");

        var (goodExit, goodOutput) = await RunProcess(cli, "domes", "check", TagTestFlight.DemoDomes);
        var (badExit, badOutput) = await RunProcess(cli, "domes", "check", bad);

        Assert.Equal(ExitCodes.Success, goodExit);
        Assert.Contains("7 dome(s), no problems", goodOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, badExit);
        // Redirected output is not wrapped: each problem stays on one greppable line.
        Assert.Contains(badOutput.Split('\n'), line => line.Contains("feature 1 (id 'dome-open')", StringComparison.Ordinal) && line.TrimEnd().EndsWith("coordinates[0][3]", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output)> RunProcess(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
