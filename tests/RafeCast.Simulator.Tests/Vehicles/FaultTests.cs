using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Vehicles;

public sealed class FaultTests
{
    [Fact]
    public async Task LinkLoss_SendsAndReceivesNothingThenResumesWithASequenceGap()
    {
        await using var sim = new SimulatorHarness();
        sim.Advance(TimeSpan.FromSeconds(2));
        var before = sim.Link.Frames.Count;
        var written = sim.Vehicle().FramesWritten;

        sim.Simulator.LoseLink(TimeSpan.FromSeconds(2));
        sim.Advance(TimeSpan.FromSeconds(1));
        sim.Send(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.ComponentArmDisarm, Param1 = 1 });
        sim.Advance(TimeSpan.FromSeconds(0.9));
        var duringLoss = sim.Link.Frames.Count - before;
        var lostState = sim.Simulator.IsLinkLost;
        sim.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, duringLoss);
        Assert.True(lostState);
        Assert.False(sim.Simulator.IsLinkLost);
        Assert.False(sim.Snapshot().Armed);
        Assert.InRange(sim.Simulator.FramesDropped, 45, 70); // 25 to 30 frames a second for 2 s
        Assert.True(sim.Vehicle().FramesWritten - written > sim.Link.Frames.Count - before, "frames were written during the loss");
        // The ground station sees the loss as a gap in the vehicle's sequence numbers (one byte: gaps under 128 count).
        Assert.Equal(sim.Simulator.FramesDropped, sim.Link.Counters.Sources.Single().Lost);
    }

    [Fact]
    public async Task Signing_UnsignedCommandIsDroppedSignedCommandIsAnswered()
    {
        var key = MavlinkSigningKey.FromPassphrase("field kit 7");
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 1, SigningKey = key });
        var unsigned = new MavlinkFrameWriter(255, 190);
        var signed = new MavlinkFrameWriter(255, 190, MavlinkVersion.V2, new MavlinkSigner(key, 3, sim.Time));
        var arm = new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.ComponentArmDisarm, Param1 = 1 };
        var mark = sim.Link.Frames.Count;

        sim.Simulator.Receive(unsigned.ToFrame(arm));
        var afterUnsigned = sim.Decode<CommandAck>(from: mark).Count;
        var armedAfterUnsigned = sim.Snapshot().Armed;
        sim.Simulator.Receive(signed.ToFrame(arm));

        Assert.Equal(0, afterUnsigned);
        Assert.False(armedAfterUnsigned);
        Assert.Equal(1, sim.Simulator.FramesRejected);
        Assert.Equal(MavResult.Accepted, sim.Decode<CommandAck>(from: mark).Single().Result);
        Assert.True(sim.Snapshot().Armed);
    }

    [Fact]
    public async Task Signing_WrongKeyIsRejectedButUnsignedTelemetryRequestsPass()
    {
        var key = MavlinkSigningKey.FromPassphrase("right");
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 1, SigningKey = key });
        var wrong = new MavlinkFrameWriter(255, 190, MavlinkVersion.V2, new MavlinkSigner(MavlinkSigningKey.FromPassphrase("wrong"), 0, sim.Time));
        var unsigned = new MavlinkFrameWriter(255, 190);
        var mark = sim.Link.Frames.Count;

        sim.Simulator.Receive(wrong.ToFrame(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.ComponentArmDisarm, Param1 = 1 }));
        sim.Simulator.Receive(unsigned.ToFrame(new ParamRequestList { TargetSystem = 1, TargetComponent = 1 }));
        sim.Advance(TimeSpan.FromSeconds(1));

        Assert.False(sim.Snapshot().Armed);
        Assert.Equal(1, sim.Simulator.FramesRejected);
        Assert.NotEmpty(sim.Decode<ParamValue>(from: mark));
    }
}
