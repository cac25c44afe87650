using System.Net;
using System.Net.Sockets;
using RafeCast.Cli.Commands.Fly;
using RafeCast.Cli.Infrastructure;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator;
using RafeCast.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>`rafecast sim` as a real process on real sockets on 127.0.0.1.</summary>
public sealed class SimProcessTests
{
    [Fact]
    public async Task Sim_TwoVehiclesOnUdpout_SendCleanGapFreeMavlink2FromEachSystemId()
    {
        var port = FreePort.Udp();
        using var ground = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
        var parser = new MavlinkParser();
        var heartbeats = new Dictionary<byte, int>();

        await using var sim = CliProcess.Start("sim", "--no-video", "--connect", $"udpout:127.0.0.1:{port}", "--vehicles", "2", "--seed", "3", "--duration", "30", "--status", "0");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Listen until both vehicles have sent four heartbeats (three seconds of telemetry after the first).
        while (heartbeats.GetValueOrDefault((byte)1) < 4 || heartbeats.GetValueOrDefault((byte)2) < 4)
        {
            var datagram = await ground.ReceiveAsync(deadline.Token);
            ReadOnlySpan<byte> input = datagram.Buffer;
            while (parser.TryRead(ref input, out var frame))
            {
                Assert.Equal(MavlinkVersion.V2, frame.Version);
                if (frame.MessageId == Heartbeat.MessageId)
                {
                    heartbeats[frame.SystemId] = heartbeats.GetValueOrDefault(frame.SystemId) + 1;
                }
            }
        }
        var exit = await sim.StopAsync();

        Assert.True(exit == ExitCodes.Success, sim.Transcript);
        Assert.Equal(0, parser.Counters.CrcErrors);
        Assert.Equal(0, parser.Counters.DroppedBytes);
        Assert.Equal([1, 2], parser.Counters.Sources.Select(s => (int)s.Source.SystemId));
        Assert.All(parser.Counters.Sources, s => Assert.Equal(0, s.Lost));
        Assert.Contains(sim.Output, l => l.StartsWith("Stopped:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sim_LinkLossFault_GoesSilentThenResumesWithASequenceGap()
    {
        var port = FreePort.Udp();
        using var ground = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
        var parser = new MavlinkParser();
        // When each frame was made, by the vehicle's own clock (ATTITUDE's time_boot_ms, 10 Hz): a test process
        // that is slow to read its socket sees datagrams in bursts, but their timestamps keep the silence.
        var made = new List<TimeSpan>();

        await using var sim = CliProcess.Start("sim", "--no-video", "--connect", $"udpout:127.0.0.1:{port}", "--link-loss", "1,2", "--duration", "30", "--status", "0");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Listen until a second of telemetry (10 attitudes) has come after the outage.
        int? resumedAt = null;
        while (resumedAt is null || made.Count - resumedAt < 10)
        {
            var datagram = await ground.ReceiveAsync(deadline.Token);
            ReadOnlySpan<byte> input = datagram.Buffer;
            while (parser.TryRead(ref input, out var frame))
            {
                if (!frame.TryDecode<Attitude>(out var attitude))
                {
                    continue;
                }
                var at = TimeSpan.FromMilliseconds(attitude.TimeBootMs);
                if (resumedAt is null && made.Count > 0 && at - made[^1] >= TimeSpan.FromSeconds(1.5))
                {
                    resumedAt = made.Count;
                }
                made.Add(at);
            }
        }
        await sim.StopAsync();

        var longest = made.Zip(made.Skip(1)).Max(p => p.Second - p.First);
        Assert.InRange(longest.TotalSeconds, 1.5, 3);
        Assert.Equal(0, parser.Counters.CrcErrors);
        // Two seconds of frames were written but never sent: a gap in the vehicle's sequence numbers.
        Assert.InRange(parser.Counters.Sources.Single().Lost, 40, 70);
        Assert.Contains(sim.Output, l => l.Contains("Link loss fault: nothing sent or received for 2.0 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sim_OnUdpin_IsFlownByFlyConnectingOut()
    {
        var port = FreePort.Udp();
        await using var sim = CliProcess.Start("sim", "--no-video", "--connect", $"udpin:127.0.0.1:{port}", "--seed", "8", "--duration", "60", "--status", "0");
        await Eventually.Until(() => sim.Output.Any(l => l.StartsWith("Simulating", StringComparison.Ordinal)) || sim.HasExited, TimeSpan.FromSeconds(60), "the simulator to start");

        await using var fly = CliProcess.Start("fly", "--connect", $"udpout:127.0.0.1:{port}", "--exec", "mode GUIDED; arm; status");
        var exit = await fly.WaitForExitAsync();
        await sim.StopAsync();

        Assert.True(exit == ExitCodes.Success, fly.Transcript + "\n" + sim.Transcript);
        Assert.StartsWith("arm -> accepted", fly.Output.ElementAt(1), StringComparison.Ordinal);
        Assert.Contains(fly.Output, l => l.Contains("ARMED", StringComparison.Ordinal));
        Assert.Contains(sim.Output, l => l.Contains("Vehicle 1: Arming motors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sim_OnTcpin_AcceptsAGroundStation()
    {
        var port = FreePort.Tcp();
        await using var session = await SimulatorSession.StartAsync(new SimulatorOptions { Seed = 4 }, $"tcpin:127.0.0.1:{port}", TimeProvider.System, null, CancellationToken.None);

        await using var pilot = await PilotSession.ConnectAsync(MavlinkTransports.Create($"tcp:127.0.0.1:{port}"), $"tcp:127.0.0.1:{port}", (RafeCast.Mavlink.Signing.MavlinkSigningKey?)null, null, TimeSpan.FromSeconds(20), TimeProvider.System, CancellationToken.None);
        var runner = new PilotCommandRunner(pilot, TimeProvider.System);
        var result = await runner.RunAsync(PilotCommandParser.Parse("arm"), null, CancellationToken.None);

        Assert.Equal(PilotOutcome.Accepted, result.Outcome);
        Assert.True(session.Simulator.Vehicle(1).Snapshot().Armed);
    }

    [Fact]
    public async Task Sim_PortInUse_ExitsUnavailable()
    {
        using var taken = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)taken.Client.LocalEndPoint!).Port;

        await using var sim = CliProcess.Start("sim", "--no-video", "--connect", $"udpin:127.0.0.1:{port}", "--duration", "5");
        var exit = await sim.WaitForExitAsync();

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains($"Cannot open udpin:127.0.0.1:{port}", string.Join('\n', sim.Output.Concat(sim.Error)), StringComparison.Ordinal);
    }
}
