using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Cli.Commands.Archive;
using RafeCast.Cli.Infrastructure;
using RafeCast.Storage;
using RafeCast.Storage.Azurite;
using RafeCast.Testing;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>One Azurite with two published flights, shared by the archive verb tests.</summary>
public sealed class ArchiveCliFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public TempDirectory Work { get; } = new("rafecast-cli-archive");

    public IConfiguration Configuration { get; private set; } = new ConfigurationBuilder().Build();

    public StorageOptions Options { get; } = new();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(RepositoryPaths.NodeBin("azurite-blob"), FreePort.Tcp(), null, NullLogger.Instance, CancellationToken.None);
        var id = Guid.NewGuid().ToString("N")[..8];
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RafeCast:Storage:ConnectionString"] = _azurite.ConnectionString,
            ["RafeCast:Storage:LiveContainer"] = "live-" + id,
            ["RafeCast:Storage:ArchiveContainer"] = "archive-" + id,
        }).Build();
        Configuration.GetSection(StorageOptions.SectionName).Bind(Options);
        await using var accounts = new StorageAccountProvider(Microsoft.Extensions.Options.Options.Create(Options), NullLoggerFactory.Instance);
        await ArchiveTestArchive.PublishAsync(accounts, Work.Path);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Work.Dispose();
    }
}

public sealed class ArchiveCommandTests(ArchiveCliFixture fixture) : IClassFixture<ArchiveCliFixture>
{
    private Task<(int ExitCode, string Output)> Run(params string[] args) => RunWith(fixture.Configuration, args);

    /// <summary>Configuration with a SAS connection string, as an editor who was handed a SAS would have.</summary>
    private async Task<IConfiguration> SasConfiguration(bool editor)
    {
        var account = BlobStorageAccount.Create(fixture.Options);
        var issuer = new RafeCast.Storage.Access.SasIssuer(account, TimeProvider.System);
        var sas = editor ? await issuer.EditorArchiveContainerAsync(CancellationToken.None) : await issuer.ViewerLiveContainerAsync(CancellationToken.None);
        return new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RafeCast:Storage:ConnectionString"] = $"BlobEndpoint={account.Service.Uri.AbsoluteUri.TrimEnd('/')};SharedAccessSignature={sas.Query.TrimStart('?')}",
            ["RafeCast:Storage:LiveContainer"] = fixture.Options.LiveContainer,
            ["RafeCast:Storage:ArchiveContainer"] = fixture.Options.ArchiveContainer,
        }).Build();
    }

    [Fact]
    public async Task Search_WithAnEditorSasConnectionString_FindsTheFlights()
    {
        var (exit, output) = await RunWith(await SasConfiguration(editor: true), "archive", "search", "--dome", "dome-harbour", "--json");

        Assert.True(exit == ExitCodes.Success, output);
        Assert.Contains(ArchiveTestArchive.Harbour.Value, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithAViewerSas_IsRefusedAndNeverPrintsTheSignature()
    {
        var configuration = await SasConfiguration(editor: false);
        var signature = System.Web.HttpUtility.ParseQueryString(configuration["RafeCast:Storage:ConnectionString"]!.Split("SharedAccessSignature=")[1])["sig"]!;

        var (exit, output) = await RunWith(configuration, "archive", "search");

        Assert.NotEqual(ExitCodes.Success, exit);
        Assert.DoesNotContain(signature, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(signature), output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunWith(IConfiguration configuration, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        ArchiveConnection.ConfigurationOverride = configuration;
        var exit = await RafeCastApp.Create(console).RunAsync(args, CancellationToken.None);
        return (exit, console.Output);
    }

    [Fact]
    public async Task Search_DomeAsJson_PrintsOneLinePerMatchingFlight()
    {
        var (exit, output) = await Run("archive", "search", "--dome", "dome-harbour", "--json");

        Assert.Equal(ExitCodes.Success, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal(ArchiveTestArchive.Harbour.Value, json.RootElement.GetProperty("flight").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("vehicle").GetInt32());
        Assert.Equal(6.0, json.RootElement.GetProperty("duration_s").GetDouble());
        Assert.Equal(["dome-harbour"], json.RootElement.GetProperty("domes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, json.RootElement.GetProperty("crossings").GetInt32());
        Assert.Equal("2026-11-26T10:30:00.000Z", json.RootElement.GetProperty("start").GetString());
    }

    [Fact]
    public async Task Search_NoFilters_PrintsATableOfEveryFlight()
    {
        var (exit, output) = await Run("archive", "search");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains(ArchiveTestArchive.Harbour.Value, output, StringComparison.Ordinal);
        Assert.Contains(ArchiveTestArchive.Park.Value, output, StringComparison.Ordinal);
        foreach (var column in new[] { "flight", "vehicle", "start", "duration", "domes", "crossings" })
        {
            Assert.Contains(column, output, StringComparison.Ordinal);
        }
        Assert.Contains("2 flight(s), 5 segment(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NearAndVehicle_FiltersByPlaceAndVehicle()
    {
        var (_, near) = await Run("archive", "search", "--near", "46.5,7.5,300", "--json");
        var (_, vehicle) = await Run("archive", "search", "--vehicle", "1", "--json");

        Assert.Contains(ArchiveTestArchive.Park.Value, near, StringComparison.Ordinal);
        Assert.DoesNotContain(ArchiveTestArchive.Harbour.Value, near, StringComparison.Ordinal);
        Assert.Contains(ArchiveTestArchive.Harbour.Value, vehicle, StringComparison.Ordinal);
        Assert.DoesNotContain(ArchiveTestArchive.Park.Value, vehicle, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--near", "47,8", "--near")]
    [InlineData("--from", "yesterday", "--from")]
    [InlineData("--vehicle", "300", "--vehicle")]
    public async Task Search_BadOption_IsAUsageErrorNamingIt(string option, string value, string named)
    {
        var (exit, output) = await Run("archive", "search", option, value);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(named, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_Flight_WritesAVerifiedOfflineCopy()
    {
        using var target = new TempDirectory("rafecast-cli-pull");

        var (exit, output) = await Run("archive", "pull", ArchiveTestArchive.Harbour.Value, "--out", target.Path);

        Assert.Equal(ExitCodes.Success, exit);
        var flight = Path.Combine(target.Path, ArchiveTestArchive.Harbour.Value);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(flight, "v1-cam0", "720p"), "*.ts").Length);
        Assert.True(File.Exists(Path.Combine(flight, "flight.json")));
        Assert.Contains("2.ts", await File.ReadAllTextAsync(Path.Combine(flight, "v1-cam0", "720p", "index.m3u8")), StringComparison.Ordinal);
        Assert.Contains("verified", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_Query_PullsEveryMatchingFlight()
    {
        using var target = new TempDirectory("rafecast-cli-pull");

        var (exit, _) = await Run("archive", "pull", "--query", "vehicle=2", "--out", target.Path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal([ArchiveTestArchive.Park.Value], Directory.GetDirectories(target.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Pull_UnknownFlight_FailsNamingIt()
    {
        using var target = new TempDirectory("rafecast-cli-pull");

        var (exit, output) = await Run("archive", "pull", "20000101T000000Z-v9", "--out", target.Path);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("20000101T000000Z-v9", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_FlightAndQuery_IsAUsageError()
    {
        var (exit, _) = await Run("archive", "pull", "x", "--query", "vehicle=1", "--out", "/tmp/x");

        Assert.Equal(ExitCodes.Usage, exit);
    }
}

public sealed class ArchiveEmbeddedAzuriteTests
{
    [Fact]
    public async Task Search_NoConfigurationAfterADemoFilledTheDataDirectory_FindsTheFlightsAsARealProcess()
    {
        using var home = new TempDirectory("rafecast-home");
        // What the demo leaves behind: flights published into the embedded Azurite of the data directory.
        var options = new StorageOptions { DataDirectory = home.Path, AzuriteExecutable = RepositoryPaths.NodeBin("azurite-blob") };
        await using (var accounts = new StorageAccountProvider(Microsoft.Extensions.Options.Options.Create(options), NullLoggerFactory.Instance))
        {
            await ArchiveTestArchive.PublishAsync(accounts, home.Combine("work"));
            Assert.True(accounts.StartedEmbeddedAzurite);
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "rafecast.dll"), "archive", "search", "--dome", "dome-harbour", "--json" })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["RAFECAST_HOME"] = home.Path;
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("RafeCast__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stdout} {await stderr}");
        Assert.Contains(ArchiveTestArchive.Harbour.Value, await stdout, StringComparison.Ordinal);
    }
}
