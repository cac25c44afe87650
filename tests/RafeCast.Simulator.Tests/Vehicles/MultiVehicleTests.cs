using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Vehicles;

public sealed class MultiVehicleTests
{
    [Fact]
    public async Task TwoVehicles_EachAnswersOnlyCommandsForItsSystemId()
    {
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 9, Vehicles = 2 });

        sim.SetMode(CopterMode.Guided, systemId: 2);
        var armTwo = sim.Command(MavCmd.ComponentArmDisarm, p1: 1, systemId: 2);
        sim.Command(MavCmd.NavTakeoff, p7: 12, systemId: 2);
        sim.Advance(TimeSpan.FromSeconds(10));

        var one = sim.Snapshot(1);
        var two = sim.Snapshot(2);
        Assert.Equal(MavResult.Accepted, armTwo.Result);
        Assert.False(one.Armed);
        Assert.Equal(CopterMode.Stabilize, one.Mode);
        Assert.Equal(0, one.Position.AltitudeRelative);
        Assert.True(two.Armed);
        Assert.Equal(CopterMode.Guided, two.Mode);
        Assert.True(two.Position.AltitudeRelative > 10);
    }

    [Fact]
    public async Task TwoVehicles_StandApartAndReportTheirOwnPositions()
    {
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 9, Vehicles = 2, VehicleSpacingMetres = 20 });
        sim.Advance(TimeSpan.FromSeconds(1));

        var one = sim.Decode<GlobalPositionInt>(1).Last();
        var two = sim.Decode<GlobalPositionInt>(2).Last();
        var heartbeatsOne = sim.Decode<Heartbeat>(1);
        var heartbeatsTwo = sim.Decode<Heartbeat>(2);

        var north = (two.Lat - one.Lat) / 1e7 * Math.PI / 180 * 6_378_137;
        Assert.InRange(north, 19.5, 20.5);
        Assert.NotEmpty(heartbeatsOne);
        Assert.NotEmpty(heartbeatsTwo);
        Assert.All(sim.FramesSince(), f => Assert.Contains(f.System, new byte[] { 1, 2 }));
    }

    [Fact]
    public async Task BroadcastCommand_TargetSystemZero_ReachesEveryVehicle()
    {
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 9, Vehicles = 3 });
        var mark = sim.Link.Frames.Count;

        sim.Send(new CommandLong { TargetSystem = 0, TargetComponent = 0, Command = MavCmd.ComponentArmDisarm, Param1 = 1 });

        var acks = sim.FramesSince(mark).Where(f => f.MessageId == CommandAck.MessageId).Select(f => f.System).Order().ToArray();
        Assert.Equal(new byte[] { 1, 2, 3 }, acks);
        Assert.All(sim.Simulator.Vehicles, v => Assert.True(v.Snapshot().Armed));
    }
}
