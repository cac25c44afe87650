using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Microservices;
using RafeCast.Testing;

namespace RafeCast.Mavlink.Tests.Microservices;

public sealed class CommandClientTests
{
    private static readonly TimeSpan Wait = StationFixture.Wait;

    private static Func<FakeAutopilot, ValueTask>[] Ack(MavCmd command, MavResult result, byte progress = 0) =>
        [v => v.SendAsync(new CommandAck { Command = command, Result = result, Progress = progress, TargetSystem = 255, TargetComponent = 190 })];

    [Fact]
    public async Task SendAsync_FirstTwoLost_RetriesWithIncrementingConfirmation()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f => f.Is<CommandLong>(out var c) && c.Confirmation == 2 ? Ack(c.Command, MavResult.Accepted) : null;

        var send = vehicle.Commands.SendLongAsync(MavCmd.ComponentArmDisarm, 1);
        await fixture.AdvanceUntil(() => send.IsCompleted, "the third attempt's answer");

        var result = await send;
        Assert.True(result.Accepted);
        Assert.Equal(3, result.Attempts);
        var sent = fixture.Vehicle.ReceivedMessages<CommandLong>().ToList();
        Assert.Equal([0, 1, 2], sent.Select(c => (int)c.Confirmation));
        Assert.All(sent, c => Assert.Equal((1, 1), (c.TargetSystem, c.TargetComponent)));
    }

    [Fact]
    public async Task SendAsync_InProgress_StopsResendingAndWaitsForTheFinalResult()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f => f.Is<CommandLong>(out var c) ? Ack(c.Command, MavResult.InProgress, progress: 40) : null;
        var progress = new List<int>();

        var send = vehicle.Commands.SendAsync(new CommandLong { Command = MavCmd.PreflightRebootShutdown }, CancellationToken.None, new SynchronousProgress(progress));
        await Eventually.Until(() => progress.Count == 1, Wait, "the in-progress answer");
        fixture.Time.Advance(TimeSpan.FromSeconds(10));
        await fixture.Vehicle.SendAsync(new CommandAck { Command = MavCmd.PreflightRebootShutdown, Result = MavResult.Accepted });

        var result = await send.WaitAsync(Wait);
        Assert.True(result.Accepted);
        Assert.Single(fixture.Vehicle.ReceivedMessages<CommandLong>());
        Assert.Equal([40], progress);
    }

    [Fact]
    public async Task SendAsync_NoAnswer_FailsWithATypedTimeoutAfterEveryAttempt()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();

        var send = vehicle.Commands.SendLongAsync(MavCmd.NavReturnToLaunch);
        await fixture.AdvanceUntil(() => send.IsCompleted, "the command to give up");

        var error = await Assert.ThrowsAsync<MavlinkTimeoutException>(() => send);
        Assert.Equal(5, error.Attempts);
        Assert.Equal(vehicle.Id, error.Vehicle);
        Assert.Equal([0, 1, 2, 3, 4], fixture.Vehicle.ReceivedMessages<CommandLong>().Select(c => (int)c.Confirmation));
    }

    [Fact]
    public async Task SendAsync_AckForAnotherCommand_IsNotTakenAsTheAnswer()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f => f.Is<CommandLong>(out var c) ? [.. Ack(MavCmd.NavLand, MavResult.Denied), .. Ack(c.Command, MavResult.Accepted)] : null;

        var result = await vehicle.Commands.SendLongAsync(MavCmd.NavTakeoff, param7: 10).WaitAsync(Wait);

        Assert.Equal(MavCmd.NavTakeoff, result.Command);
        Assert.True(result.Accepted);
    }

    [Fact]
    public async Task ArmAsync_Denied_ThrowsWithTheResult()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f => f.Is<CommandLong>(out var c) ? Ack(c.Command, MavResult.Denied) : null;

        var error = await Assert.ThrowsAsync<MavlinkCommandException>(() => vehicle.ArmAsync(CancellationToken.None).WaitAsync(Wait));

        Assert.Equal(MavResult.Denied, error.Result);
        Assert.Equal(MavCmd.ComponentArmDisarm, error.Command);
    }

    [Fact]
    public async Task Actions_SendTheSpecCommandsAndParameters()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f =>
            f.Is<CommandLong>(out var c) ? Ack(c.Command, MavResult.Accepted)
            : f.Is<CommandInt>(out var i) ? Ack(i.Command, MavResult.Accepted)
            : null;

        await vehicle.SetFlightModeAsync("guided", CancellationToken.None).WaitAsync(Wait);
        await vehicle.ArmAsync(CancellationToken.None).WaitAsync(Wait);
        await vehicle.TakeoffAsync(25, CancellationToken.None).WaitAsync(Wait);
        await vehicle.GotoAsync(51.5012345, -0.1234567, 40, CancellationToken.None).WaitAsync(Wait);
        await vehicle.LandAsync(CancellationToken.None).WaitAsync(Wait);
        await vehicle.ReturnToLaunchAsync(CancellationToken.None).WaitAsync(Wait);
        await vehicle.DisarmAsync(CancellationToken.None, force: true).WaitAsync(Wait);

        var longs = fixture.Vehicle.ReceivedMessages<CommandLong>().ToList();
        Assert.Equal([MavCmd.DoSetMode, MavCmd.ComponentArmDisarm, MavCmd.NavTakeoff, MavCmd.NavLand, MavCmd.NavReturnToLaunch, MavCmd.ComponentArmDisarm], longs.Select(c => c.Command));
        Assert.Equal((1f, 4f), (longs[0].Param1, longs[0].Param2));
        Assert.Equal(1f, longs[1].Param1);
        Assert.Equal(25f, longs[2].Param7);
        Assert.Equal((0f, 21196f), (longs[5].Param1, longs[5].Param2));
        var reposition = Assert.Single(fixture.Vehicle.ReceivedMessages<CommandInt>());
        Assert.Equal(MavCmd.DoReposition, reposition.Command);
        Assert.Equal(515_012_345, reposition.X);
        Assert.Equal(-1_234_567, reposition.Y);
        Assert.Equal(40f, reposition.Z);
        Assert.Equal(MavFrame.GlobalRelativeAlt, reposition.Frame);
    }

    [Fact]
    public async Task SetFlightModeAsync_Px4_SendsMainAndSubMode()
    {
        await using var fixture = await StationFixture.StartAsync(autopilot: MavAutopilot.Px4);
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f => f.Is<CommandLong>(out var c) ? Ack(c.Command, MavResult.Accepted) : null;

        await vehicle.SetFlightModeAsync("Mission", CancellationToken.None).WaitAsync(Wait);

        var command = Assert.Single(fixture.Vehicle.ReceivedMessages<CommandLong>());
        Assert.Equal((4f, 4f), (command.Param2, command.Param3));
    }

    [Fact]
    public async Task MessageIntervals_SetRateAndRequestMessage()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f =>
        {
            if (!f.Is<CommandLong>(out var c))
            {
                return null;
            }
            var answers = Ack(c.Command, MavResult.Accepted).ToList();
            if (c.Command == MavCmd.RequestMessage && (uint)c.Param1 == AutopilotVersion.MessageId)
            {
                answers.Add(v => v.SendAsync(new AutopilotVersion { Capabilities = MavProtocolCapability.Mavlink2 | MavProtocolCapability.MissionInt, FlightSwVersion = 0x04050600 }));
            }
            return answers;
        };

        await vehicle.MessageIntervals.SetRateAsync<GlobalPositionInt>(4, CancellationToken.None).WaitAsync(Wait);
        var version = await vehicle.MessageIntervals.RequestAsync<AutopilotVersion>(CancellationToken.None).WaitAsync(Wait);

        var interval = fixture.Vehicle.ReceivedMessages<CommandLong>().First();
        Assert.Equal(MavCmd.SetMessageInterval, interval.Command);
        Assert.Equal((33f, 250_000f), (interval.Param1, interval.Param2));
        Assert.Equal(0x04050600u, version.FlightSwVersion);
        await Eventually.Until(() => vehicle.State.Capabilities.HasFlag(MavProtocolCapability.Mavlink2), Wait, "capabilities in the state");
    }

    private sealed class SynchronousProgress(List<int> values) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (values)
            {
                values.Add(value);
            }
        }
    }
}
