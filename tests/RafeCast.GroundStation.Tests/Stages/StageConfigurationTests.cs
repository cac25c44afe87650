using System.Globalization;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Stages;
using RafeCast.GroundStation.Tests.Support;
using RafeCast.Testing;
using Xunit.Abstractions;

namespace RafeCast.GroundStation.Tests.Stages;

/// <summary>The wired station refuses to start on a setting a stage cannot use, and says which key to fix.</summary>
public sealed class StageConfigurationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("--RafeCast:Mavlink:Connections:0", "bogus:1", "RafeCast:Mavlink:Connections:0: 'bogus:1' is not a MAVLink connection string")]
    [InlineData("--RafeCast:Mavlink:Connections:1", "udpout:127.0.0.1", "RafeCast:Mavlink:Connections:1: 'udpout:127.0.0.1' is not a MAVLink connection string")]
    [InlineData("--RafeCast:Station:Mavlink:PilotPort", "tcpin:localhost:x", "RafeCast:Station:Mavlink:PilotPort: 'tcpin:localhost:x' is not a MAVLink connection string")]
    [InlineData("--RafeCast:Station:Mavlink:Forward:0", "bogus:1", "RafeCast:Station:Mavlink:Forward:0: 'bogus:1' is not a MAVLink connection string")]
    [InlineData("--RafeCast:Station:Mavlink:Links:0", "udpin:0.0.0.0", "RafeCast:Station:Mavlink:Links:0: 'udpin:0.0.0.0' is not a MAVLink connection string")]
    [InlineData("--RafeCast:Mavlink:SigningKeyHex", "abc", "RafeCast:Mavlink:SigningKeyHex: A MAVLink signing key in hex is 64 hex digits")]
    [InlineData("--RafeCast:Station:Video:Ladder", "720p,4k", "RafeCast:Station:Video:Ladder: Unknown rendition '4k'")]
    [InlineData("--RafeCast:Station:Flights:SettleTimeout", "-00:00:01", "RafeCast:Station:Flights:SettleTimeout: -00:00:01 is outside")]
    public async Task StartAsync_StageSettingUnusable_FailsNamingTheKey(string option, string value, string expected)
    {
        var error = await Assert.ThrowsAsync<StationConfigurationException>(() => StartWiredAsync(option, value));

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_DomeRegistryThatDoesNotValidate_FailsNamingTheKeyAndTheProblem()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("domes.geojson");
        await File.WriteAllTextAsync(file, """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"dome-open"},"geometry":{"type":"Polygon","coordinates":[[[149.18,-35.36],[149.19,-35.36],[149.19,-35.35],[149.18,-35.351]]]}}]}""");

        var error = await Assert.ThrowsAsync<StationConfigurationException>(() => StartWiredAsync("--RafeCast:Geo:DomeRegistryPath", file));

        var failure = Assert.Single(error.Failures, f => f.StartsWith("RafeCast:Geo:DomeRegistryPath:", StringComparison.Ordinal));
        Assert.Contains("is not a valid dome registry", failure, StringComparison.Ordinal);
        Assert.Contains("dome-open", failure, StringComparison.Ordinal);
        Assert.Contains("not closed", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_StorageAccountUnreachable_FailsNamingTheKey()
    {
        // A port nothing listens on: the account refuses every connection.
        var connection = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{FreePort.Tcp()}/devstoreaccount1;");

        var error = await Assert.ThrowsAsync<StationConfigurationException>(() => StartWiredAsync(
            "--RafeCast:Storage:ConnectionString", connection,
            "--RafeCast:Station:Publishing:StorageProbeTimeout", "00:00:20"));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("RafeCast:Storage:ConnectionString: ", failure, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", failure, StringComparison.Ordinal);
        Assert.Contains("RequireStorage=false", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("Eby8vdM02", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectiveConnections_CommandLineLinksReplaceTheConfiguredOnesAndForwardsAreAdded()
    {
        var configured = new Mavlink.MavlinkOptions { Connections = ["serial:/dev/ttyUSB0:57600", "udpin:0.0.0.0:14550", "udpout:127.0.0.1:14551"] };

        var replaced = StationMavlinkOptions.EffectiveConnections(configured, new StationMavlinkOptions { Links = ["tcp:127.0.0.1:5760"], Forward = ["udpout:127.0.0.1:14552"] });
        var added = StationMavlinkOptions.EffectiveConnections(configured, new StationMavlinkOptions { Forward = ["udpout:127.0.0.1:14552"] });
        var nothing = StationMavlinkOptions.EffectiveConnections(new Mavlink.MavlinkOptions(), new StationMavlinkOptions { Forward = ["udpout:127.0.0.1:14552"] });

        Assert.Equal([("RafeCast:Station:Mavlink:Links:0", "tcp:127.0.0.1:5760"), ("RafeCast:Station:Mavlink:Forward:0", "udpout:127.0.0.1:14552")], replaced);
        Assert.Equal(["serial:/dev/ttyUSB0:57600", "udpin:0.0.0.0:14550", "udpout:127.0.0.1:14551", "udpout:127.0.0.1:14552"], added.Select(c => c.Connection));
        Assert.Equal("RafeCast:Mavlink:Connections:0", added[0].Key);
        Assert.Equal([StationMavlinkOptions.DefaultConnection, "udpout:127.0.0.1:14552"], nothing.Select(c => c.Connection));
    }

    private async Task StartWiredAsync(params string[] args)
    {
        string[] all = ["--RafeCast:Mavlink:Connections:0", $"udpin:127.0.0.1:{FreePort.Udp()}", "--RafeCast:Station:Mavlink:PilotPort", "none", .. args];
        await using var station = await StationTestHost.StartAsync(output, builder => builder.Services.AddRafeCastStages(builder.Configuration), all);
    }
}
