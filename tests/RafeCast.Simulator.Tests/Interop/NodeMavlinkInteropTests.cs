using System.Text.Json;
using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Signing;
using RafeCast.Simulator.Plans;
using RafeCast.Testing;

namespace RafeCast.Simulator.Tests.Interop;

/// <summary>
/// The simulator's frames, sent over real UDP on 127.0.0.1, decoded by node-mavlink 2.3.0 (an independent
/// MAVLink implementation) running as its own process.
/// </summary>
public sealed class NodeMavlinkInteropTests
{
    private const int Seconds = 5;

    private static async Task<JsonElement> ReceiveAsync(SimulatorOptions options, string? passphrase = null)
    {
        var port = FreePort.Udp();
        string[] args = passphrase is null
            ? [RepositoryPaths.NodeModules, port.ToString(System.Globalization.CultureInfo.InvariantCulture), Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : [RepositoryPaths.NodeModules, port.ToString(System.Globalization.CultureInfo.InvariantCulture), Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), passphrase];
        await using var node = NodeScript.Start("receive-mavlink.mjs", args);
        await Eventually.Until(() => node.Output.Any(l => l.Contains("listening", StringComparison.Ordinal)) || !node.Error.IsEmpty, TimeSpan.FromSeconds(30), "node to listen");
        Assert.True(node.Error.IsEmpty, string.Join('\n', node.Error));

        await using (await SimulatorSession.StartAsync(options, $"udpout:127.0.0.1:{port}", TimeProvider.System, null, CancellationToken.None))
        {
            await node.WaitForExitAsync(TimeSpan.FromSeconds(Seconds + 30));
        }
        return JsonDocument.Parse(node.Output.Last()).RootElement;
    }

    private static int Count(JsonElement source, string message) =>
        source.GetProperty("messages").TryGetProperty(message, out var count) ? count.GetInt32() : 0;

    [Fact]
    public async Task TwoFlyingVehicles_DecodeWithoutErrorsAtTheExpectedRates()
    {
        var plan = FlightPlan.Autofly(new GeoPoint(-35.362360, 149.154227), new GeoPoint(-35.362360, 149.179534));
        var summary = await ReceiveAsync(new SimulatorOptions { Vehicles = 2, Seed = 21, Plan = plan, AutoStart = true, Camera = null });

        Assert.Equal(0, summary.GetProperty("crcErrors").GetInt32());
        Assert.Equal(0, summary.GetProperty("unknown").GetInt32());
        Assert.Equal(0, summary.GetProperty("decodeErrors").GetInt32());
        var sources = summary.GetProperty("sources");
        Assert.Equal(["1/1", "2/1"], sources.EnumerateObject().Select(p => p.Name).Order());
        // Counts over the window node measured (first to last datagram), one either way for where it opened and closed.
        var seconds = summary.GetProperty("elapsedMs").GetDouble() / 1000;
        Assert.InRange(seconds, Seconds - 0.5, Seconds + 1);
        foreach (var source in sources.EnumerateObject().Select(p => p.Value))
        {
            Assert.Equal(0, source.GetProperty("lost").GetInt32());
            foreach (var (message, hertz) in new[] { ("HEARTBEAT", 1.0), ("SYS_STATUS", 2), ("GPS_RAW_INT", 5), ("GLOBAL_POSITION_INT", 5), ("ATTITUDE", 10), ("VFR_HUD", 4), ("BATTERY_STATUS", 1), ("EXTENDED_SYS_STATE", 1) })
            {
                var count = Count(source, message);
                Assert.True(Math.Abs(count - (hertz * seconds)) <= 1.5, $"{message}: {count} in {seconds:F2} s, expected {hertz} Hz; all received: {source.GetProperty("messages")}");
            }
            Assert.True(Count(source, "STATUSTEXT") >= 1, "the auto-start's 'Arming motors' was not seen");
        }
        var heartbeat = summary.GetProperty("last").GetProperty("1/1 HEARTBEAT");
        Assert.Equal(2, heartbeat.GetProperty("type").GetInt32());
        Assert.Equal(3, heartbeat.GetProperty("autopilot").GetInt32());
        var position = summary.GetProperty("last").GetProperty("2/1 GLOBAL_POSITION_INT");
        // Vehicle 2 flies 20 m (0.0001797 degrees) south of vehicle 1's path at -35.36236.
        Assert.InRange(position.GetProperty("lat").GetInt32(), -353_625_450, -353_625_350);
    }

    [Fact]
    public async Task SignedOutput_VerifiesInNodeMavlinkWithThePassphrase()
    {
        var summary = await ReceiveAsync(new SimulatorOptions { Seed = 2, SigningKey = MavlinkSigningKey.FromPassphrase("interop") }, "interop");

        var valid = summary.GetProperty("valid").GetInt32();
        Assert.True(valid > 100, $"only {valid} packets");
        Assert.Equal(0, summary.GetProperty("crcErrors").GetInt32());
        Assert.Equal(valid, summary.GetProperty("signed").GetInt32());
        Assert.Equal(valid, summary.GetProperty("signatureValid").GetInt32());
    }
}
