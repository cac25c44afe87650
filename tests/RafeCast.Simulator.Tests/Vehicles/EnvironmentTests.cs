using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Vehicles;

/// <summary>Wind, battery and the seed.</summary>
public sealed class EnvironmentTests
{
    private static void Hover(SimulatorHarness sim, float altitude = 20)
    {
        sim.SetMode(CopterMode.Guided);
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        sim.Command(MavCmd.NavTakeoff, p7: altitude);
        sim.AdvanceUntil(s => s.LandedState == MavLandedState.InAir, TimeSpan.FromSeconds(30), "take-off");
    }

    private static (double North, double East) Moved(VehicleSnapshot from, VehicleSnapshot to) =>
        ((to.Position.Latitude - from.Position.Latitude) * Math.PI / 180 * 6_378_137,
         (to.Position.Longitude - from.Position.Longitude) * Math.PI / 180 * 6_378_137 * Math.Cos(from.Position.Latitude * Math.PI / 180));

    [Fact]
    public async Task Wind_InAltHold_DriftsTheVehicleDownwind()
    {
        // 6 m/s from the west: the vehicle drifts east.
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 5, WindSpeed = 6, WindDirectionDegrees = 270 });
        Hover(sim);
        sim.SetMode(CopterMode.AltHold);
        var start = sim.Snapshot();

        sim.Advance(TimeSpan.FromSeconds(10));

        var (north, east) = Moved(start, sim.Snapshot());
        Assert.InRange(east, 55, 65);
        Assert.InRange(Math.Abs(north), 0, 3);
        Assert.InRange(sim.Snapshot().Position.AltitudeRelative, 19.5, 20.5);
    }

    [Fact]
    public async Task Wind_InLoiter_IsHeldAgainstWithTheVehicleTiltedIntoIt()
    {
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 5, WindSpeed = 8, WindDirectionDegrees = 0, HomeHeadingDegrees = 0 });
        Hover(sim);
        sim.SetMode(CopterMode.Loiter);
        var start = sim.Snapshot();

        sim.Advance(TimeSpan.FromSeconds(20));

        var end = sim.Snapshot();
        var (north, east) = Moved(start, end);
        Assert.InRange(Math.Sqrt((north * north) + (east * east)), 0, 1.5);
        // Facing north into a north wind: nose down.
        Assert.InRange(end.PitchDegrees, -15, -1);
    }

    [Fact]
    public async Task Wind_ChangedByParameter_TakesEffectInFlight()
    {
        await using var sim = new SimulatorHarness();
        Hover(sim);
        sim.SetMode(CopterMode.AltHold);
        var calm = sim.Snapshot();
        sim.Advance(TimeSpan.FromSeconds(5));
        var (calmNorth, calmEast) = Moved(calm, sim.Snapshot());

        var speed = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamValue = 4, ParamType = MavParamType.Real32 };
        speed.SetParamId("SIM_WIND_SPD");
        sim.Send(speed);
        var windy = sim.Snapshot();
        sim.Advance(TimeSpan.FromSeconds(5));
        var (windyNorth, _) = Moved(windy, sim.Snapshot());

        Assert.InRange(Math.Sqrt((calmNorth * calmNorth) + (calmEast * calmEast)), 0, 0.5);
        Assert.InRange(windyNorth, 15, 21); // SIM_WIND_DIR 180: from the south, drifting north
    }

    [Fact]
    public async Task Battery_DrainsFasterInFlightAndWarnsWhenLow()
    {
        await using var sim = new SimulatorHarness();
        var capacity = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamValue = 300, ParamType = MavParamType.Int32 };
        capacity.SetParamId("BATT_CAPACITY");
        sim.Send(capacity);
        var low = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamValue = 200, ParamType = MavParamType.Real32 };
        low.SetParamId("BATT_LOW_MAH");
        sim.Send(low);
        var critical = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamValue = 50, ParamType = MavParamType.Real32 };
        critical.SetParamId("BATT_CRT_MAH");
        sim.Send(critical);
        sim.Advance(TimeSpan.FromSeconds(10));
        var idle = sim.Snapshot().BatteryConsumedMah;
        var mark = sim.Link.Frames.Count;

        Hover(sim);
        var beforeHover = sim.Snapshot();
        sim.Advance(TimeSpan.FromSeconds(30));
        var after = sim.Snapshot();

        var hoverRate = (after.BatteryConsumedMah - beforeHover.BatteryConsumedMah) / 30;
        Assert.InRange(idle / 10, 0.05, 0.2);        // 0.4 A disarmed is 0.11 mAh/s
        Assert.InRange(hoverRate, 3.5, 5.5);          // about 15 A in a hover
        Assert.True(after.BatteryRemainingPercent < 50);
        Assert.True(after.BatteryVoltage < 16);
        Assert.Contains(sim.StatusTexts(from: mark), t => t.StartsWith("Battery 1 is low", StringComparison.Ordinal));
        var status = sim.Decode<BatteryStatus>(from: mark).Last();
        Assert.Equal(MavBatteryChargeState.Low, status.ChargeState);
        Assert.InRange(status.BatteryRemaining - after.BatteryRemainingPercent, -1.5, 1.5);
    }

    [Fact]
    public async Task SameSeed_GivesTheSameFramesByteForByte()
    {
        static async Task<byte[][]> Fly(int seed)
        {
            await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = seed, WindSpeed = 3, WindTurbulence = 2 });
            Hover(sim, 15);
            sim.SetMode(CopterMode.AltHold);
            sim.Advance(TimeSpan.FromSeconds(20));
            return [.. sim.Link.Frames];
        }

        var first = await Fly(42);
        var second = await Fly(42);
        var other = await Fly(43);

        Assert.Equal(first.Length, second.Length);
        for (var i = 0; i < first.Length; i++)
        {
            Assert.Equal(first[i], second[i]);
        }
        Assert.NotEqual(first.Select(Convert.ToHexString), other.Select(Convert.ToHexString));
    }
}
