using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>The mavlink verbs as a user runs them: a real process on a real UDP port.</summary>
public sealed class MavlinkProcessTests
{
    [Fact]
    public async Task Dump_LiveUdp_PrintsFramesUntilStoppedThenTheSummaryOnStderr()
    {
        var port = FreePort.Udp();
        await using var cli = CliProcess.Start("mavlink", "dump", $"udpin:127.0.0.1:{port}", "--json");
        using var vehicle = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var writer = new MavlinkFrameWriter(4, 1);
        var target = new IPEndPoint(IPAddress.Loopback, port);

        // Keep sending until the dump shows frames: the process needs a moment to start listening.
        await Eventually.Until(async () =>
        {
            await vehicle.SendAsync(writer.ToFrame(new Heartbeat { Type = MavType.Quadrotor, Autopilot = MavAutopilot.Px4 }), target);
            return cli.Output.Count >= 3 || cli.HasExited;
        }, TimeSpan.FromSeconds(60), "heartbeats in the live dump");
        var exit = await cli.StopAsync();

        // Ctrl-C (here SIGTERM) is how a live dump ends: a normal end, with the summary written.
        Assert.Equal(RafeCast.Cli.Infrastructure.ExitCodes.Success, exit);
        var first = JsonDocument.Parse(cli.Output.First()).RootElement;
        Assert.Equal("HEARTBEAT", first.GetProperty("name").GetString());
        Assert.Equal(4, first.GetProperty("sysid").GetInt32());
        var summary = Assert.Single(cli.Error);
        Assert.StartsWith($"frames {cli.Output.Count} ", summary, StringComparison.Ordinal);
    }
}
