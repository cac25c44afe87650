using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Vehicles;

public sealed class NavigationTests
{
    private static readonly GeoPoint East200 = new(-35.363261, 149.167433); // about 200 m east of home

    private static void TakeOff(SimulatorHarness sim, float altitude, byte systemId = 1)
    {
        Assert.Equal(MavResult.Accepted, sim.SetMode(CopterMode.Guided, systemId).Result);
        Assert.Equal(MavResult.Accepted, sim.Command(MavCmd.ComponentArmDisarm, p1: 1, systemId: systemId).Result);
        Assert.Equal(MavResult.Accepted, sim.Command(MavCmd.NavTakeoff, p7: altitude, systemId: systemId).Result);
        sim.AdvanceUntil(s => s.LandedState == MavLandedState.InAir, TimeSpan.FromSeconds(40), "take-off", systemId);
    }

    private static double Metres(GeoPoint a, GeoPoint b)
    {
        var north = (b.Latitude - a.Latitude) * Math.PI / 180 * 6_378_137;
        var east = (b.Longitude - a.Longitude) * Math.PI / 180 * 6_378_137 * Math.Cos(a.Latitude * Math.PI / 180);
        return Math.Sqrt((north * north) + (east * east));
    }

    [Fact]
    public async Task Reposition_InGuided_FliesThereAtCruiseSpeedFacingTheTarget()
    {
        await using var sim = new SimulatorHarness();
        TakeOff(sim, 20);
        var mark = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.DoReposition, p1: -1, p5: (float)East200.Latitude, p6: (float)East200.Longitude, p7: 30);
        sim.Advance(TimeSpan.FromSeconds(15));
        var midway = sim.Snapshot();
        var took = sim.AdvanceUntil(s => Metres(s.Position.Point, East200) < 2 && s.GroundSpeed < 0.3, TimeSpan.FromSeconds(90), "arrival");

        Assert.Equal(MavResult.Accepted, ack.Result);
        Assert.InRange(midway.GroundSpeed, 4.8, 5.2); // WPNAV_SPEED 500 cm/s
        Assert.InRange(midway.HeadingDegrees, 85, 95); // due east
        Assert.InRange(sim.Snapshot().Position.AltitudeRelative, 29, 31);
        // 200 m at 5 m/s plus acceleration and braking.
        Assert.InRange((took + TimeSpan.FromSeconds(15)).TotalSeconds, 40, 60);
        var hud = sim.Decode<VfrHud>(from: mark);
        Assert.Contains(hud, h => h.Groundspeed > 4.5 && h.Heading is >= 85 and <= 95);
    }

    [Fact]
    public async Task Reposition_WithCommandInt_UsesTheExactCoordinates()
    {
        await using var sim = new SimulatorHarness();
        TakeOff(sim, 10);

        sim.Send(new CommandInt { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.DoReposition, Frame = MavFrame.GlobalRelativeAltInt, Param1 = -1, X = -353_628_000, Y = 1_491_655_000, Z = 12 });
        sim.Advance(TimeSpan.FromSeconds(40));

        var position = sim.Snapshot().Position;
        Assert.InRange(Metres(position.Point, new GeoPoint(-35.3628, 149.1655)), 0, 0.6);
        Assert.InRange(position.AltitudeRelative, 11.5, 12.5);
    }

    [Fact]
    public async Task Reposition_OutsideGuidedWithoutTheChangeModeFlag_IsDenied()
    {
        await using var sim = new SimulatorHarness();
        TakeOff(sim, 10);
        sim.SetMode(CopterMode.Loiter);

        var denied = sim.Command(MavCmd.DoReposition, p1: -1, p2: 0, p5: (float)East200.Latitude, p6: (float)East200.Longitude, p7: 10);
        var switched = sim.Command(MavCmd.DoReposition, p1: -1, p2: 1, p5: (float)East200.Latitude, p6: (float)East200.Longitude, p7: 10);

        Assert.Equal(MavResult.Denied, denied.Result);
        Assert.Equal(MavResult.Accepted, switched.Result);
        Assert.Equal(CopterMode.Guided, sim.Snapshot().Mode);
    }

    [Fact]
    public async Task Reposition_OnTheGround_FailsAndSaysWhy()
    {
        await using var sim = new SimulatorHarness();
        sim.SetMode(CopterMode.Guided);
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        var mark = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.DoReposition, p1: -1, p5: (float)East200.Latitude, p6: (float)East200.Longitude, p7: 10);

        Assert.Equal(MavResult.Failed, ack.Result);
        Assert.Contains(sim.StatusTexts(from: mark), t => t.Contains("take off first", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReturnToLaunch_ClimbsToRtlAltitudeFliesHomeLandsAndDisarms()
    {
        await using var sim = new SimulatorHarness();
        TakeOff(sim, 10);
        sim.Command(MavCmd.DoReposition, p1: -1, p5: (float)East200.Latitude, p6: (float)East200.Longitude, p7: 10);
        sim.AdvanceUntil(s => Metres(s.Position.Point, East200) < 2, TimeSpan.FromSeconds(90), "arrival");
        var mark = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.NavReturnToLaunch);
        var highest = 0.0;
        sim.AdvanceUntil(s => { highest = Math.Max(highest, s.Position.AltitudeRelative); return !s.Armed; }, TimeSpan.FromSeconds(150), "landing at home");

        var end = sim.Snapshot();
        Assert.Equal(MavResult.Accepted, ack.Result);
        Assert.Equal(CopterMode.Rtl, end.Mode);
        Assert.InRange(highest, 14.5, 15.5); // RTL_ALT 1500 cm
        Assert.InRange(Metres(end.Position.Point, end.Home.Point), 0, 2);
        Assert.Equal(0, end.Position.AltitudeRelative);
        Assert.Equal(MavLandedState.OnGround, end.LandedState);
        Assert.Contains("Land complete", sim.StatusTexts(from: mark));
        Assert.Contains(sim.Decode<Heartbeat>(from: mark), h => h.CustomMode == (uint)CopterMode.Rtl);
    }

    [Fact]
    public async Task Land_DescendsWhereItIsAtLandSpeedAndDisarms()
    {
        await using var sim = new SimulatorHarness();
        TakeOff(sim, 8);
        var where = sim.Snapshot().Position.Point;

        var ack = sim.Command(MavCmd.NavLand);
        sim.Advance(TimeSpan.FromSeconds(5));
        var descending = sim.Snapshot();
        var took = sim.AdvanceUntil(s => !s.Armed, TimeSpan.FromSeconds(60), "landing");

        Assert.Equal(MavResult.Accepted, ack.Result);
        Assert.Equal(CopterMode.Land, descending.Mode);
        Assert.InRange(descending.ClimbRate, -0.55, -0.45); // LAND_SPEED 50 cm/s below 10 m
        Assert.InRange(Metres(sim.Snapshot().Position.Point, where), 0, 1);
        Assert.InRange((took + TimeSpan.FromSeconds(5)).TotalSeconds, 15, 20);
    }

    [Fact]
    public async Task Heartbeat_CarriesArduCopterCustomModeNumbers()
    {
        await using var sim = new SimulatorHarness();
        TakeOff(sim, 10);
        var seen = new Dictionary<CopterMode, uint>();

        foreach (var mode in new[] { CopterMode.Loiter, CopterMode.AltHold, CopterMode.Guided, CopterMode.PosHold, CopterMode.Brake, CopterMode.Stabilize })
        {
            Assert.Equal(MavResult.Accepted, sim.SetMode(mode).Result);
            var mark = sim.Link.Frames.Count;
            sim.Advance(TimeSpan.FromSeconds(1.05));
            seen[mode] = sim.Decode<Heartbeat>(from: mark).Last().CustomMode;
        }

        Assert.Equal(5u, seen[CopterMode.Loiter]);
        Assert.Equal(2u, seen[CopterMode.AltHold]);
        Assert.Equal(4u, seen[CopterMode.Guided]);
        Assert.Equal(16u, seen[CopterMode.PosHold]);
        Assert.Equal(17u, seen[CopterMode.Brake]);
        Assert.Equal(0u, seen[CopterMode.Stabilize]);
    }

    [Fact]
    public async Task SetMode_UnsupportedOrAutoWithoutMission_FailsWithStatusText()
    {
        await using var sim = new SimulatorHarness();
        var mark = sim.Link.Frames.Count;

        var acro = sim.SetMode(CopterMode.Acro);
        var auto = sim.SetMode(CopterMode.Auto);
        var baseModeOnly = sim.Command(MavCmd.DoSetMode, p1: 0, p2: 4);

        Assert.Equal(MavResult.Failed, acro.Result);
        Assert.Equal(MavResult.Failed, auto.Result);
        Assert.Equal(MavResult.Denied, baseModeOnly.Result);
        var texts = sim.StatusTexts(from: mark);
        Assert.Contains(texts, t => t.Contains("ACRO", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("no mission", StringComparison.Ordinal));
        Assert.Equal(CopterMode.Stabilize, sim.Snapshot().Mode);
    }

    [Fact]
    public async Task ChangeSpeed_SetsTheCruiseSpeedOfTheNextLeg()
    {
        await using var sim = new SimulatorHarness();
        TakeOff(sim, 10);

        Assert.Equal(MavResult.Accepted, sim.Command(MavCmd.DoChangeSpeed, p1: 1, p2: 8).Result);
        sim.Command(MavCmd.DoReposition, p1: -1, p5: (float)East200.Latitude, p6: (float)East200.Longitude, p7: 10);
        sim.Advance(TimeSpan.FromSeconds(10));

        Assert.InRange(sim.Snapshot().GroundSpeed, 7.7, 8.3);
    }

    [Fact]
    public async Task PauseContinue_HoldsAndResumesAGuidedLeg()
    {
        await using var sim = new SimulatorHarness();
        TakeOff(sim, 10);
        sim.Command(MavCmd.DoReposition, p1: -1, p5: (float)East200.Latitude, p6: (float)East200.Longitude, p7: 10);
        sim.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(MavResult.Accepted, sim.Command(MavCmd.DoPauseContinue, p1: 0).Result);
        sim.Advance(TimeSpan.FromSeconds(8));
        var paused = sim.Snapshot();
        Assert.Equal(MavResult.Accepted, sim.Command(MavCmd.DoPauseContinue, p1: 1).Result);
        sim.Advance(TimeSpan.FromSeconds(5));

        Assert.InRange(paused.GroundSpeed, 0, 0.2);
        Assert.InRange(sim.Snapshot().GroundSpeed, 4, 5.2);
    }

    [Fact]
    public async Task SetPositionTargetGlobalInt_InGuided_MovesTheVehicle()
    {
        await using var sim = new SimulatorHarness();
        TakeOff(sim, 10);

        sim.Send(new SetPositionTargetGlobalInt
        {
            TargetSystem = 1,
            TargetComponent = 1,
            CoordinateFrame = MavFrame.GlobalRelativeAltInt,
            TypeMask = PositionTargetTypemask.VxIgnore | PositionTargetTypemask.VyIgnore | PositionTargetTypemask.VzIgnore
                | PositionTargetTypemask.AxIgnore | PositionTargetTypemask.AyIgnore | PositionTargetTypemask.AzIgnore
                | PositionTargetTypemask.YawIgnore | PositionTargetTypemask.YawRateIgnore,
            LatInt = -353_629_000,
            LonInt = 1_491_652_300,
            Alt = 10,
        });
        sim.Advance(TimeSpan.FromSeconds(20));

        Assert.InRange(Metres(sim.Snapshot().Position.Point, new GeoPoint(-35.3629, 149.16523)), 0, 0.6);
    }
}
