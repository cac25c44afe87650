using System.Collections.Concurrent;
using System.Text.Json;
using RafeCast.Cli.Infrastructure;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator;
using RafeCast.Simulator.Vehicles;
using RafeCast.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>`rafecast fly` as a real process against the simulator over UDP on 127.0.0.1.</summary>
public sealed class FlyProcessTests
{
    private static Task<SimulatorSession> Simulate(int port, int vehicles = 1) =>
        SimulatorSession.StartAsync(new SimulatorOptions { Seed = 17, Vehicles = vehicles }, $"udpout:127.0.0.1:{port}", TimeProvider.System, null, CancellationToken.None);

    [Fact]
    public async Task Exec_ArmTakeoffGotoRtl_FliesTheSimulatedVehicleAndPrintsEachAck()
    {
        var port = FreePort.Udp();
        await using var sim = await Simulate(port);
        var vehicle = sim.Simulator.Vehicle(1);
        var handled = new ConcurrentQueue<VehicleCommandRecord>();
        vehicle.CommandHandled += handled.Enqueue;

        await using var fly = CliProcess.Start("fly", "--connect", $"udpin:127.0.0.1:{port}", "--exec", "arm; takeoff 20; goto -35.3628 149.1656; rtl");
        var exit = await fly.WaitForExitAsync();

        Assert.True(exit == ExitCodes.Success, fly.Transcript);
        var lines = fly.Output.ToList();
        Assert.Equal(4, lines.Count);
        Assert.StartsWith("arm -> accepted", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("takeoff 20 -> accepted: switched to GUIDED, climbing to 20 m", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("goto -35.3628 149.1656 -> accepted: heading for -35.3628, 149.1656 at 20 m", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("rtl -> accepted", lines[3], StringComparison.Ordinal);
        // What the vehicle did, command by command: armed, switched to GUIDED, took off, was sent to the point at 20 m, returned.
        var records = handled.ToList();
        Assert.Equal([MavCmd.ComponentArmDisarm, MavCmd.DoSetMode, MavCmd.NavTakeoff, MavCmd.DoReposition, MavCmd.NavReturnToLaunch], records.Select(r => r.Command));
        Assert.All(records, r => Assert.Equal(MavResult.Accepted, r.Result));
        Assert.True(records[0].After.Armed);
        Assert.Equal(CopterMode.Guided, records[1].After.Mode);
        Assert.Equal(MavLandedState.Takeoff, records[2].After.LandedState);
        var target = records[3].After.Target;
        Assert.NotNull(target);
        Assert.Equal(-35.3628, target.Value.Latitude, 6);
        Assert.Equal(149.1656, target.Value.Longitude, 6);
        Assert.Equal(20, target.Value.AltitudeRelative, 2);
        Assert.Equal(CopterMode.Rtl, records[4].After.Mode);
        await Eventually.Until(() => vehicle.Snapshot().Position.AltitudeRelative > 1, TimeSpan.FromSeconds(10), "the vehicle to climb");
        var now = vehicle.Snapshot();
        Assert.True(now.Armed);
        Assert.Equal(CopterMode.Rtl, now.Mode);
        Assert.True(now.Position.AltitudeRelative > 0);
    }

    [Fact]
    public async Task Exec_TakeoffWhenDisarmed_IsReportedAsRefusedAndExitsNonZero()
    {
        var port = FreePort.Udp();
        await using var sim = await Simulate(port);

        await using var fly = CliProcess.Start("fly", "--connect", $"udpin:127.0.0.1:{port}", "--exec", "takeoff 20");
        var exit = await fly.WaitForExitAsync();

        Assert.True(exit == ExitCodes.Failed, fly.Transcript);
        var line = Assert.Single(fly.Output);
        Assert.StartsWith("takeoff 20 -> failed: Takeoff refused: motors not armed (the vehicle answered FAILED)", line, StringComparison.Ordinal);
        Assert.False(sim.Simulator.Vehicle(1).Snapshot().Armed);
        Assert.Equal(0, sim.Simulator.Vehicle(1).Snapshot().Position.AltitudeRelative);
    }

    [Fact]
    public async Task Json_PrintsAResultAndATelemetrySnapshotPerCommand()
    {
        var port = FreePort.Udp();
        await using var sim = await Simulate(port);

        await using var fly = CliProcess.Start("fly", "--connect", $"udpin:127.0.0.1:{port}", "--json", "--exec", "mode GUIDED; arm; param get RTL_ALT");
        var exit = await fly.WaitForExitAsync();

        Assert.True(exit == ExitCodes.Success, fly.Transcript);
        var objects = fly.Output.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["result", "telemetry", "result", "telemetry", "result", "telemetry"], objects.Select(o => o.GetProperty("type").GetString()));
        Assert.Equal("accepted", objects[2].GetProperty("result").GetString());
        Assert.Equal("ACCEPTED", objects[2].GetProperty("vehicle_result").GetString());
        Assert.Equal(1500, objects[4].GetProperty("params")[0].GetProperty("value").GetDouble());
        Assert.Equal(1, objects[5].GetProperty("vehicle").GetInt32());
        Assert.Equal(-35.363261, objects[5].GetProperty("lat").GetDouble(), 4);
    }

    [Fact]
    public async Task Stdin_CommandsAreRunInOrderAndABadOneFailsTheRun()
    {
        var port = FreePort.Udp();
        await using var sim = await Simulate(port, vehicles: 2);

        await using var fly = CliProcess.Start("fly", "--connect", $"udpin:127.0.0.1:{port}", "--vehicle", "1");
        await fly.WriteInputAsync("vehicle 2", "mode GUIDED; arm", "somersault");
        var exit = await fly.WaitForExitAsync();

        Assert.True(exit == ExitCodes.Failed, fly.Transcript);
        var lines = fly.Output.ToList();
        Assert.Equal(4, lines.Count);
        Assert.StartsWith("vehicle 2 -> flying vehicle 2/1", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("arm -> accepted", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("somersault -> error: unknown command 'somersault'", lines[3], StringComparison.Ordinal);
        Assert.True(sim.Simulator.Vehicle(2).Snapshot().Armed);
        Assert.False(sim.Simulator.Vehicle(1).Snapshot().Armed);
    }

    [Fact]
    public async Task NoVehicle_ExitsUnavailableNamingTheLinkAndTheWait()
    {
        var port = FreePort.Udp();

        await using var fly = CliProcess.Start("fly", "--connect", $"udpin:127.0.0.1:{port}", "--timeout", "1", "--exec", "arm");
        var exit = await fly.WaitForExitAsync();

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains($"no vehicle heard on udpin:127.0.0.1:{port} after 1 s", string.Join('\n', fly.Output.Concat(fly.Error)), StringComparison.Ordinal);
    }
}
