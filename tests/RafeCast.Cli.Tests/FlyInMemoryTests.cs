using RafeCast.Cli.Commands.Fly;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;
using RafeCast.Simulator;
using RafeCast.Simulator.Vehicles;
using RafeCast.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>The pilot commands against the simulator over an in-memory link: what they change and how they are reported.</summary>
public sealed class FlyInMemoryTests
{
    [Fact]
    public async Task ArmTakeoffGotoRtl_ChangeTheVehicleAndAreAccepted()
    {
        await using var rig = await FlyRig.StartAsync();
        var vehicle = rig.Simulator.Vehicle(1);

        var arm = await rig.Run("arm");
        var takeoff = await rig.Run("takeoff 20");
        var climbing = vehicle.Snapshot();
        var go = await rig.Run("goto -35.3630 149.1656");
        var target = vehicle.Snapshot().Target;
        var rtl = await rig.Run("rtl");

        Assert.All(new[] { arm, takeoff, go, rtl }, r => Assert.Equal(PilotOutcome.Accepted, r.Outcome));
        Assert.Contains("switched to GUIDED", takeoff.Detail, StringComparison.Ordinal);
        Assert.True(climbing.Armed);
        Assert.Equal(MavLandedState.Takeoff, climbing.LandedState);
        Assert.NotNull(target);
        Assert.Equal(-35.3630, target.Value.Latitude, 6);
        Assert.Equal(149.1656, target.Value.Longitude, 6);
        // No ALT right after the take-off: the take-off's 20 m, not the few metres climbed so far.
        Assert.Equal(20, target.Value.AltitudeRelative, 1);
        Assert.Equal(CopterMode.Rtl, vehicle.Snapshot().Mode);
        Assert.Equal("ACCEPTED", rtl.VehicleResult);
    }

    [Fact]
    public async Task Takeoff_WhenDisarmed_IsReportedAsFailedWithTheVehiclesReason()
    {
        await using var rig = await FlyRig.StartAsync();

        var result = await rig.Run("takeoff 20");

        Assert.Equal(PilotOutcome.Failed, result.Outcome);
        Assert.Equal("FAILED", result.VehicleResult);
        Assert.Contains("Takeoff refused: motors not armed", result.StatusTexts);
        Assert.StartsWith("takeoff 20 -> failed: Takeoff refused: motors not armed", PilotOutput.ResultText(result), StringComparison.Ordinal);
        Assert.False(rig.Simulator.Vehicle(1).Snapshot().Armed);
    }

    [Fact]
    public async Task Mode_ByName_SwitchesAndAnUnknownNameIsAnError()
    {
        await using var rig = await FlyRig.StartAsync();

        var loiter = await rig.Run("mode LOITER");
        var bogus = await rig.Run("mode WARP");
        var acro = await rig.Run("mode ACRO");

        Assert.Equal(PilotOutcome.Accepted, loiter.Outcome);
        Assert.Equal(CopterMode.Loiter, rig.Simulator.Vehicle(1).Snapshot().Mode);
        Assert.Equal(PilotOutcome.Error, bogus.Outcome);
        Assert.Contains("'WARP' is not a flight mode", bogus.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", bogus.Detail, StringComparison.Ordinal);
        Assert.Equal(PilotOutcome.Failed, acro.Outcome);
        Assert.Contains("not supported", acro.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Params_GetSetListAndAnUnknownOneTimesOut()
    {
        await using var rig = await FlyRig.StartAsync();

        var get = await rig.Run("param get RTL_ALT");
        var set = await rig.Run("param set WPNAV_SPEED 750");
        var list = await rig.Run("param list WPNAV");
        var unknown = await rig.Run("param get NO_SUCH");

        Assert.Equal(PilotOutcome.Accepted, get.Outcome);
        Assert.Equal("RTL_ALT = 1500 (INT32)", get.Detail);
        Assert.Equal(PilotOutcome.Accepted, set.Outcome);
        Assert.Equal(750f, rig.Simulator.Vehicle(1).GetParameter("WPNAV_SPEED"));
        Assert.Equal(["WPNAV_ACCEL", "WPNAV_RADIUS", "WPNAV_SPEED", "WPNAV_SPEED_DN", "WPNAV_SPEED_UP"], list.Parameters.Select(p => p.Name));
        Assert.Equal(PilotOutcome.TimedOut, unknown.Outcome);
        Assert.Contains("may have no such parameter", unknown.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mission_UploadDownloadStartAndClear()
    {
        using var dir = new TempDirectory("fly-mission");
        var plan = dir.Combine("square.waypoints");
        File.WriteAllText(plan, """
            QGC WPL 110
            0	1	0	16	0	0	0	0	-35.363261	149.165230	584	1
            1	0	3	22	0	0	0	0	0	0	10	1
            2	0	3	16	0	0	0	0	-35.36320	149.16523	10	1
            3	0	3	16	0	0	0	0	-35.36320	149.16530	10	1
            4	0	3	20	0	0	0	0	0	0	0	1
            """);
        await using var rig = await FlyRig.StartAsync();

        var upload = await rig.Run($"mission upload {plan}");
        var download = await rig.Run($"mission download {dir.Combine("back.plan")}");
        var startDisarmed = await rig.Run("mission start");
        await rig.Run("mode GUIDED");
        await rig.Run("arm");
        var start = await rig.Run("mission start");
        var flying = rig.Simulator.Vehicle(1).Snapshot();
        var clear = await rig.Run("mission clear");

        Assert.Equal(PilotOutcome.Accepted, upload.Outcome);
        Assert.Equal("4 item(s) uploaded", upload.Detail);
        Assert.Equal(PilotOutcome.Accepted, download.Outcome);
        var saved = RafeCast.Simulator.Plans.FlightPlan.Load(dir.Combine("back.plan"));
        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.NavWaypoint, MavCmd.NavReturnToLaunch], saved.Items.Select(i => i.Command));
        Assert.Equal(-35.36320, saved.Items[1].Latitude, 6);
        Assert.Equal(PilotOutcome.Failed, startDisarmed.Outcome);
        Assert.Contains("not armed", startDisarmed.Detail, StringComparison.Ordinal);
        Assert.Equal(PilotOutcome.Accepted, start.Outcome);
        Assert.Equal(CopterMode.Auto, flying.Mode);
        Assert.Equal(PilotOutcome.Accepted, clear.Outcome);
        Assert.Equal(0, rig.Simulator.Vehicle(1).Snapshot().MissionCount);
    }

    [Fact]
    public async Task Mission_UploadOfAMissingFile_IsAnErrorNamingIt()
    {
        await using var rig = await FlyRig.StartAsync();

        var result = await rig.Run("mission upload /nonexistent/plan.plan");

        Assert.Equal(PilotOutcome.Error, result.Outcome);
        Assert.Contains("/nonexistent/plan.plan", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vehicle_SwitchesWhichSystemIdCommandsGoTo()
    {
        await using var rig = await FlyRig.StartAsync(new SimulatorOptions { Seed = 3, Vehicles = 2 }, systemId: 1);

        var pick = await rig.Run("vehicle 2");
        var arm = await rig.Run("arm");
        var missing = await rig.Run("vehicle 7");

        Assert.Equal(PilotOutcome.Done, pick.Outcome);
        Assert.Equal(2, arm.SystemId);
        Assert.True(rig.Simulator.Vehicle(2).Snapshot().Armed);
        Assert.False(rig.Simulator.Vehicle(1).Snapshot().Armed);
        Assert.Equal(PilotOutcome.Error, missing.Outcome);
        Assert.Contains("no vehicle 7 heard", missing.Detail, StringComparison.Ordinal);
        Assert.Contains("heard: 1, 2", missing.Detail, StringComparison.Ordinal);
        Assert.Equal(2, rig.Session.Selected.Id.SystemId);
    }

    [Fact]
    public async Task Signing_WithoutTheKeyCommandsTimeOut_WithItTheyAreAccepted()
    {
        var key = MavlinkSigningKey.FromPassphrase("pilot test");
        await using (var unsigned = await FlyRig.StartAsync(new SimulatorOptions { Seed = 4, SigningKey = key }))
        {
            var result = await unsigned.Run("arm");

            Assert.Equal(PilotOutcome.TimedOut, result.Outcome);
            Assert.False(unsigned.Simulator.Vehicle(1).Snapshot().Armed);
            Assert.True(unsigned.SimulatorLink.Link.RefusedFrames > 0);
        }
        await using var signed = await FlyRig.StartAsync(new SimulatorOptions { Seed = 4, SigningKey = key }, pilotKey: key);

        var accepted = await signed.Run("arm");

        Assert.Equal(PilotOutcome.Accepted, accepted.Outcome);
        Assert.True(signed.Simulator.Vehicle(1).Snapshot().Armed);
    }

    [Fact]
    public async Task Status_ReflectsTheVehicle()
    {
        await using var rig = await FlyRig.StartAsync();
        await rig.Run("mode GUIDED");
        await rig.Run("arm");

        await Eventually.Until(() => rig.Session.Selected.State.Armed && rig.Session.Selected.State.Gps is not null && rig.Session.Selected.State.Battery is not null, TimeSpan.FromSeconds(5), "the station to see the armed vehicle");
        var status = PilotStatus.Of(rig.Session, [], TimeProvider.System);

        Assert.Equal("GUIDED", status.Mode);
        Assert.True(status.Armed);
        Assert.Equal(GpsFixType.Type3dFix, status.GpsFix);
        Assert.Equal("ArduPilot", status.Autopilot);
        Assert.Equal("Arming motors", status.LastMessage);
        Assert.Equal(0, status.PacketLossPercent);
        Assert.Equal(-35.363261, status.Position!.Value.Latitude, 4);
    }

    [Fact]
    public async Task Script_FromStdin_ReportsABadLineAndGoesOn()
    {
        await using var rig = await FlyRig.StartAsync();
        var console = new Spectre.Console.Testing.TestConsole();
        var output = new PilotOutput(console, json: false, interactive: false);
        var script = new PilotScript(console, rig.Session, rig.Runner, output, [], TimeProvider.System);

        var ok = await script.RunAsync(new StringReader("mode GUIDED\nfly away\narm\nquit\narm\n"), CancellationToken.None);

        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.False(ok);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("mode GUIDED -> accepted", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("fly away -> error: unknown command 'fly'", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("arm -> accepted", lines[2], StringComparison.Ordinal);
        Assert.Equal("quit -> ok", lines[3]);
    }
}
