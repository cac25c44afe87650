using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Vehicles;

public sealed class TelemetryStreamTests
{
    public static TheoryData<string, uint, int> DefaultRates() => new()
    {
        // message, id, frames in 10 s of simulated time
        { "HEARTBEAT", 0, 10 },
        { "SYS_STATUS", 1, 20 },
        { "SYSTEM_TIME", 2, 10 },
        { "GPS_RAW_INT", 24, 50 },
        { "ATTITUDE", 30, 100 },
        { "GLOBAL_POSITION_INT", 33, 50 },
        { "VFR_HUD", 74, 40 },
        { "BATTERY_STATUS", 147, 10 },
        { "HOME_POSITION", 242, 2 },
        { "EXTENDED_SYS_STATE", 245, 10 },
    };

    [Theory]
    [MemberData(nameof(DefaultRates))]
    public async Task Stream_ByDefault_HasArduPilotLikeRate(string name, uint id, int expected)
    {
        await using var sim = new SimulatorHarness();
        var before = sim.Link.Frames.Count;

        sim.Advance(TimeSpan.FromSeconds(10));

        var count = sim.FramesSince(before).Count(f => f.MessageId == id);
        Assert.True(Math.Abs(count - expected) <= 1, $"{name}: {count} frames in 10 s, expected {expected}");
    }

    [Fact]
    public async Task SetMessageInterval_ChangesDisablesAndResetsAStream()
    {
        await using var sim = new SimulatorHarness();

        var faster = sim.Command(MavCmd.SetMessageInterval, p1: 33, p2: 50_000);
        var mark = sim.Link.Frames.Count;
        sim.Advance(TimeSpan.FromSeconds(2));
        var at20Hz = sim.FramesSince(mark).Count(f => f.MessageId == 33);

        var off = sim.Command(MavCmd.SetMessageInterval, p1: 33, p2: -1);
        mark = sim.Link.Frames.Count;
        sim.Advance(TimeSpan.FromSeconds(2));
        var whenOff = sim.FramesSince(mark).Count(f => f.MessageId == 33);

        var reset = sim.Command(MavCmd.SetMessageInterval, p1: 33, p2: 0);
        mark = sim.Link.Frames.Count;
        sim.Advance(TimeSpan.FromSeconds(2));
        var byDefault = sim.FramesSince(mark).Count(f => f.MessageId == 33);

        Assert.All(new[] { faster, off, reset }, a => Assert.Equal(MavResult.Accepted, a.Result));
        Assert.InRange(at20Hz, 39, 41);
        Assert.Equal(0, whenOff);
        Assert.InRange(byDefault, 9, 11);
    }

    [Fact]
    public async Task SetMessageInterval_ForAMessageNotStreamedByDefault_StartsIt()
    {
        await using var sim = new SimulatorHarness();

        var ack = sim.Command(MavCmd.SetMessageInterval, p1: 148, p2: 1_000_000);
        var mark = sim.Link.Frames.Count;
        sim.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(MavResult.Accepted, ack.Result);
        Assert.InRange(sim.FramesSince(mark).Count(f => f.MessageId == 148), 2, 4);
    }

    [Fact]
    public async Task SetMessageInterval_ForAMessageTheVehicleCannotSend_IsDenied()
    {
        await using var sim = new SimulatorHarness();

        var ack = sim.Command(MavCmd.SetMessageInterval, p1: 9999, p2: 100_000);

        Assert.Equal(MavResult.Denied, ack.Result);
    }

    [Fact]
    public async Task RequestMessage_SendsTheMessageRightAfterTheAck()
    {
        await using var sim = new SimulatorHarness();
        var mark = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.RequestMessage, p1: 148);

        var after = sim.FramesSince(mark).Where(f => f.System == 1).Select(f => f.MessageId).ToList();
        Assert.Equal(MavResult.Accepted, ack.Result);
        Assert.Equal([77u, 148u], after);
        var version = sim.Decode<AutopilotVersion>(from: mark).Single();
        Assert.True(version.Capabilities.HasFlag(MavProtocolCapability.Mavlink2));
        Assert.True(version.Capabilities.HasFlag(MavProtocolCapability.MissionInt));
    }

    [Fact]
    public async Task RequestMessage_OfAnUnknownMessage_IsUnsupported()
    {
        await using var sim = new SimulatorHarness();

        Assert.Equal(MavResult.Unsupported, sim.Command(MavCmd.RequestMessage, p1: 12345).Result);
        Assert.Equal(MavResult.Unsupported, sim.Command(MavCmd.RequestMessage, p1: 269).Result);
    }

    [Fact]
    public async Task Telemetry_InFlight_DescribesTheVehicleConsistently()
    {
        await using var sim = new SimulatorHarness();
        sim.SetMode(CopterMode.Guided);
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        sim.Command(MavCmd.NavTakeoff, p7: 25);
        sim.AdvanceUntil(s => s.LandedState == MavLandedState.InAir, TimeSpan.FromSeconds(30), "take-off");
        var mark = sim.Link.Frames.Count;
        sim.Advance(TimeSpan.FromSeconds(1.1));

        var position = sim.Decode<GlobalPositionInt>(from: mark).Last();
        var gps = sim.Decode<GpsRawInt>(from: mark).Last();
        var hud = sim.Decode<VfrHud>(from: mark).Last();
        var state = sim.Decode<ExtendedSysState>(from: mark).Last();
        var time = sim.Decode<SystemTime>(from: mark).Last();
        var home = sim.Decode<HomePosition>(from: 0).Last();

        Assert.InRange(position.RelativeAlt, 24_000, 26_000);
        Assert.InRange(position.Alt - (home.Altitude + position.RelativeAlt), -2, 2);
        Assert.Equal(584_000, home.Altitude);
        Assert.InRange(Math.Abs(gps.Lat - position.Lat), 0, 200);
        Assert.Equal(GpsFixType.Type3dFix, gps.FixType);
        Assert.InRange(gps.SatellitesVisible, (byte)10, (byte)15);
        Assert.Equal(position.Alt / 1000f, hud.Alt, 0.01f);
        Assert.Equal(MavLandedState.InAir, state.LandedState);
        var utc = DateTimeOffset.UnixEpoch.AddTicks((long)time.TimeUnixUsec * 10);
        Assert.Equal(sim.Time.GetUtcNow(), utc, TimeSpan.FromSeconds(1));
        Assert.Equal(-353_632_610, home.Latitude);
        Assert.Equal(1_491_652_300, home.Longitude);
    }
}
