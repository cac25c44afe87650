using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Vehicles;

public sealed class ArmingAndTakeoffTests
{
    [Fact]
    public async Task Takeoff_WhenDisarmed_FailsWithAckAndStatusText()
    {
        await using var sim = new SimulatorHarness();
        sim.SetMode(CopterMode.Guided);
        var before = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.NavTakeoff, p7: 20);

        Assert.Equal(MavResult.Failed, ack.Result);
        Assert.Equal(255, ack.TargetSystem);
        Assert.Equal(190, ack.TargetComponent);
        Assert.Contains(sim.StatusTexts(from: before), t => t.Contains("not armed", StringComparison.Ordinal));
        sim.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, sim.Snapshot().Position.AltitudeRelative);
        Assert.False(sim.Snapshot().Armed);
    }

    [Fact]
    public async Task ArmThenTakeoff_InGuided_ClimbsToTheAltitudeAtTheClimbRate()
    {
        await using var sim = new SimulatorHarness();
        Assert.Equal(MavResult.Accepted, sim.SetMode(CopterMode.Guided).Result);
        Assert.Equal(MavResult.Accepted, sim.Command(MavCmd.ComponentArmDisarm, p1: 1).Result);

        var ack = sim.Command(MavCmd.NavTakeoff, p7: 20);
        var took = sim.AdvanceUntil(s => s.LandedState == MavLandedState.InAir, TimeSpan.FromSeconds(30), "the take-off to finish");

        Assert.Equal(MavResult.Accepted, ack.Result);
        Assert.InRange(sim.Snapshot().Position.AltitudeRelative, 19.5, 20.5);
        // WPNAV_SPEED_UP is 2.5 m/s: 20 m takes at least 8 s, and with the ramp-in and ramp-out at most 12 s.
        Assert.InRange(took.TotalSeconds, 8, 12);
        Assert.True(sim.Snapshot().Armed);
    }

    [Fact]
    public async Task Arm_InStabilize_IsAcceptedAndHeartbeatShowsArmed()
    {
        await using var sim = new SimulatorHarness();
        var before = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        sim.Advance(TimeSpan.FromSeconds(1.1));

        Assert.Equal(MavResult.Accepted, ack.Result);
        var heartbeat = sim.Decode<Heartbeat>(from: before).Last();
        Assert.True(heartbeat.BaseMode.HasFlag(MavModeFlag.SafetyArmed));
        Assert.Equal((uint)CopterMode.Stabilize, heartbeat.CustomMode);
        Assert.Equal(MavState.Active, heartbeat.SystemStatus);
    }

    [Fact]
    public async Task Takeoff_InStabilize_IsRefusedNamingTheMode()
    {
        await using var sim = new SimulatorHarness();
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        var before = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.NavTakeoff, p7: 10);

        Assert.Equal(MavResult.Failed, ack.Result);
        Assert.Contains(sim.StatusTexts(from: before), t => t.Contains("STABILIZE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Arm_WithoutGpsFixInGuided_FailsWithPreArmText()
    {
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 1, GpsLockDelay = TimeSpan.FromSeconds(5) });
        sim.Advance(TimeSpan.FromSeconds(1));
        var before = sim.Link.Frames.Count;

        var mode = sim.SetMode(CopterMode.Guided);

        Assert.Equal(MavResult.Failed, mode.Result);
        Assert.Contains(sim.StatusTexts(from: before), t => t.Contains("requires position", StringComparison.Ordinal));
        sim.Advance(TimeSpan.FromSeconds(4.5));
        Assert.Equal(MavResult.Accepted, sim.SetMode(CopterMode.Guided).Result);
        Assert.Equal(MavResult.Accepted, sim.Command(MavCmd.ComponentArmDisarm, p1: 1).Result);
    }

    [Fact]
    public async Task Disarm_InTheAir_IsRefusedUnlessForced()
    {
        await using var sim = new SimulatorHarness();
        sim.SetMode(CopterMode.Guided);
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        sim.Command(MavCmd.NavTakeoff, p7: 10);
        sim.Advance(TimeSpan.FromSeconds(3));

        var refused = sim.Command(MavCmd.ComponentArmDisarm, p1: 0);
        var forced = sim.Command(MavCmd.ComponentArmDisarm, p1: 0, p2: 21196);

        Assert.Equal(MavResult.Failed, refused.Result);
        Assert.Equal(MavResult.Accepted, forced.Result);
        Assert.False(sim.Snapshot().Armed);
    }

    [Fact]
    public async Task ArmedOnTheGround_DisarmsByItselfAfterDisarmDelay()
    {
        await using var sim = new SimulatorHarness();
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);

        sim.Advance(TimeSpan.FromSeconds(9));
        var stillArmed = sim.Snapshot().Armed;
        sim.Advance(TimeSpan.FromSeconds(1.5));

        Assert.True(stillArmed);
        Assert.False(sim.Snapshot().Armed);
    }
}
