using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Tests.Support;
using Xunit.Abstractions;

namespace RafeCast.GroundStation.Tests.Configuration;

public sealed class StationConfigurationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("--listen", "nonsense", "RafeCast:Station:Http:Listen", "'nonsense'")]
    [InlineData("--listen", "127.0.0.1:99999", "RafeCast:Station:Http:Listen", "'127.0.0.1:99999'")]
    [InlineData("--listen", "example.org:8080", "RafeCast:Station:Http:Listen", "'example.org:8080'")]
    [InlineData("--pilot", "ana<script>", "RafeCast:Station:Pilot", "'<'")]
    [InlineData("--shutdown-timeout", "00:00:00.2", "RafeCast:Station:ShutdownTimeout", "00:00:00.2")]
    [InlineData("--RafeCast:Station:Live:TrackPoints", "1", "RafeCast:Station:Live:TrackPoints", "1 is outside")]
    [InlineData("--RafeCast:Station:Viewer:TileUrlTemplate", "tiles/{z}.png", "RafeCast:Station:Viewer:TileUrlTemplate", "{x}")]
    public async Task StartAsync_InvalidSetting_FailsBeforeListeningWithAnErrorNamingTheKey(string option, string value, string key, string detail)
    {
        var error = await Assert.ThrowsAsync<StationConfigurationException>(() => StationTestHost.StartAsync(output, null, option, value));

        Assert.Contains(key + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SeveralInvalidSettings_ReportsEveryOneTogether()
    {
        var error = await Assert.ThrowsAsync<StationConfigurationException>(() =>
            StationTestHost.StartAsync(output, null, "--listen", "nonsense", "--pilot", "a<b", "--RafeCast:Station:Live:Crossings", "0"));

        Assert.Equal(3, error.Failures.Count);
        Assert.Contains(error.Failures, f => f.StartsWith("RafeCast:Station:Http:Listen:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("RafeCast:Station:Pilot:", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("RafeCast:Station:Live:Crossings:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_DomesFileMissing_FailsNamingTheKeyAndThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-domes-{Guid.NewGuid():N}.geojson");

        var error = await Assert.ThrowsAsync<StationConfigurationException>(() => StationTestHost.StartAsync(output, null, "--domes", missing));

        Assert.Contains($"RafeCast:Station:Viewer:DomesFile: '{missing}' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DomesFileWithDuplicateIds_FailsNamingTheKeyAndTheFeature()
    {
        using var dir = new Testing.TempDirectory();
        var file = dir.Combine("domes.geojson");
        await File.WriteAllTextAsync(file, Samples.DomesGeoJson.Replace("dome-market", "dome-harbour", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<StationConfigurationException>(() => StationTestHost.StartAsync(output, null, "--domes", file));

        Assert.Contains("RafeCast:Station:Viewer:DomesFile:", error.Message, StringComparison.Ordinal);
        Assert.Contains("feature #1 (id 'dome-harbour'): the id is used by an earlier feature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SettingNotOfItsType_FailsNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<StationConfigurationException>(() => StationTestHost.StartAsync(output, null, "--shutdown-timeout", "soon"));

        Assert.Contains("RafeCast:Station:ShutdownTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_AppSettingsThenCommandLine_LaterSourceWins()
    {
        using var data = new Testing.TempDirectory();
        // appsettings.json is read from the content root.
        await File.WriteAllTextAsync(Path.Combine(data.Path, "appsettings.json"), """
            { "RafeCast": { "Station": { "Pilot": "from-file", "ShutdownTimeout": "00:00:45", "Live": { "Crossings": 42 } } } }
            """);

        await using var app = StationHost.Build(Rebuild(data.Path, "--pilot", "from-command-line"));

        Assert.Equal("from-command-line", app.Services.GetRequiredService<IOptions<StationOptions>>().Value.Pilot);
        Assert.Equal(42, app.Services.GetRequiredService<IOptions<LiveModelOptions>>().Value.Crossings);
        Assert.Equal(TimeSpan.FromSeconds(45), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public async Task Configuration_EnvironmentVariable_BindsWithDoubleUnderscores()
    {
        // Only this test reads RafeCast:Station:Live:Gaps, so setting it process-wide disturbs no other test.
        Environment.SetEnvironmentVariable("RafeCast__Station__Live__Gaps", "7");
        try
        {
            using var data = new Testing.TempDirectory();
            await using var app = StationHost.Build(Rebuild(data.Path));

            Assert.Equal(7, app.Services.GetRequiredService<IOptions<LiveModelOptions>>().Value.Gaps);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RafeCast__Station__Live__Gaps", null);
        }
    }

    [Fact]
    public async Task Defaults_ListenOnLoopback8080_WithThirtySecondsToShutDown()
    {
        using var data = new Testing.TempDirectory();
        await using var app = StationHost.Build(StationHost.CreateBuilder([], data.Path));

        Assert.Equal("127.0.0.1:8080", app.Services.GetRequiredService<IOptions<StationHttpOptions>>().Value.Listen);
        Assert.Equal(TimeSpan.FromSeconds(30), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.EndsWith("rafecast", app.Services.GetRequiredService<IOptions<StationOptions>>().Value.DataDirectory, StringComparison.Ordinal);
    }

    private Microsoft.AspNetCore.Builder.WebApplicationBuilder Rebuild(string contentRoot, params string[] args)
    {
        var builder = StationHost.CreateBuilder(["--listen", "127.0.0.1:0", .. args], contentRoot);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
        return builder;
    }
}
