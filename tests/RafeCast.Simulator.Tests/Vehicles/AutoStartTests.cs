using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Plans;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Vehicles;

public sealed class AutoStartTests
{
    private static readonly GeoPoint From = new(-35.362360, 149.154227);
    private static readonly GeoPoint To = new(-35.362360, 149.179534);

    [Fact]
    public async Task Autofly_TakesOffAtFromAndFliesToToAndBackAgain()
    {
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 2, Plan = FlightPlan.Autofly(From, To), AutoStart = true });

        var start = sim.Snapshot();
        var nearTo = sim.AdvanceUntil(s => Math.Abs(s.Position.Longitude - To.Longitude) < 0.00005, TimeSpan.FromMinutes(10), "reaching TO");
        sim.AdvanceUntil(s => Math.Abs(s.Position.Longitude - From.Longitude) < 0.00005, TimeSpan.FromMinutes(10), "coming back to FROM");
        sim.AdvanceUntil(s => s.Position.Longitude > From.Longitude + 0.001, TimeSpan.FromMinutes(2), "setting out again");

        var now = sim.Snapshot();
        Assert.Equal(From.Latitude, start.Home.Latitude, 6);
        Assert.Equal(From.Longitude, start.Home.Longitude, 6);
        Assert.Equal(CopterMode.Auto, now.Mode);
        Assert.True(now.Armed);
        Assert.InRange(now.Position.AltitudeRelative, 29, 31);
        Assert.InRange(Math.Abs(now.Position.Latitude - From.Latitude) * 111_000, 0, 1);
        // 2.3 km at 5 m/s: a little under 8 minutes with the take-off.
        Assert.InRange(nearTo.TotalMinutes, 7, 9);
    }

    [Fact]
    public async Task Autofly_WithTwoVehicles_FliesParallelPathsBesideEachOther()
    {
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 2, Vehicles = 2, Plan = FlightPlan.Autofly(From, To), AutoStart = true });

        sim.Advance(TimeSpan.FromSeconds(60));

        var one = sim.Snapshot(1);
        var two = sim.Snapshot(2);
        Assert.True(one.Armed && two.Armed);
        Assert.Equal(CopterMode.Auto, two.Mode);
        // The path runs east; vehicle 2 flies 20 m to its right (south).
        Assert.InRange((one.Position.Latitude - two.Position.Latitude) * 111_195, 19, 21);
        Assert.InRange(Math.Abs(one.Position.Longitude - two.Position.Longitude) * 111_195 * Math.Cos(From.Latitude * Math.PI / 180), 0, 2);
    }

    [Fact]
    public async Task Plan_WithoutTakeoffItem_TakesOffInGuidedThenFliesItInAuto()
    {
        var plan = new FlightPlan([MissionItem.Waypoint(-35.3625, 149.16523, 18), MissionItem.Land()], null, "test");
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 2, Plan = plan, AutoStart = true });
        var mark = sim.Link.Frames.Count;

        sim.AdvanceUntil(s => s.Mode == CopterMode.Auto, TimeSpan.FromSeconds(30), "AUTO");
        var climbed = sim.Snapshot().Position.AltitudeRelative;
        sim.AdvanceUntil(s => s.Mode == CopterMode.Auto && !s.Armed, TimeSpan.FromMinutes(3), "the landing at the end of the plan");

        Assert.InRange(climbed, 17, 19);
        Assert.Equal([1], sim.Decode<MissionItemReached>(from: mark).Select(r => (int)r.Seq));
        // LAND without a position lands where the waypoint was reached: within WPNAV_RADIUS (2 m).
        Assert.InRange((sim.Snapshot().Position.Latitude - -35.3625) * 111_195, -2.1, 2.1);
    }
}
