using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Vehicles;

public sealed class ParameterTests
{
    [Fact]
    public async Task RequestList_SendsEveryParameterOnceWithCountAndIndex()
    {
        await using var sim = new SimulatorHarness();
        var mark = sim.Link.Frames.Count;

        sim.Send(new ParamRequestList { TargetSystem = 1, TargetComponent = 1 });
        sim.Advance(TimeSpan.FromSeconds(1));

        var values = sim.Decode<ParamValue>(from: mark);
        var count = values[0].ParamCount;
        Assert.True(count >= 20, $"only {count} parameters");
        Assert.Equal(Enumerable.Range(0, count), values.Select(v => (int)v.ParamIndex).Order());
        Assert.All(values, v => Assert.Equal(count, v.ParamCount));
        var names = values.Select(v => v.GetParamId()).ToList();
        Assert.Contains("WPNAV_SPEED", names);
        Assert.Contains("RTL_ALT", names);
        Assert.Equal(1f, values.Single(v => v.GetParamId() == "SYSID_THISMAV").ParamValueValue);
    }

    [Fact]
    public async Task RequestRead_ByNameAndByIndex_AnswersThatParameter()
    {
        await using var sim = new SimulatorHarness();
        var byName = new ParamRequestRead { TargetSystem = 1, TargetComponent = 1, ParamIndex = -1 };
        byName.SetParamId("RTL_ALT");
        var mark = sim.Link.Frames.Count;

        sim.Send(byName);
        var rtl = sim.Decode<ParamValue>(from: mark).Single();
        mark = sim.Link.Frames.Count;
        sim.Send(new ParamRequestRead { TargetSystem = 1, TargetComponent = 1, ParamIndex = (short)rtl.ParamIndex });
        var again = sim.Decode<ParamValue>(from: mark).Single();

        Assert.Equal("RTL_ALT", rtl.GetParamId());
        Assert.Equal(1500f, rtl.ParamValueValue);
        Assert.Equal(MavParamType.Int32, rtl.ParamType);
        Assert.Equal("RTL_ALT", again.GetParamId());
    }

    [Fact]
    public async Task Set_StoresTheValueAnswersItAndChangesHowTheVehicleFlies()
    {
        await using var sim = new SimulatorHarness();
        var set = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamValue = 250, ParamType = MavParamType.Real32 };
        set.SetParamId("WPNAV_SPEED_UP");
        var mark = sim.Link.Frames.Count;

        sim.Send(set);
        var answer = sim.Decode<ParamValue>(from: mark).Single();
        var climbFaster = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamValue = 500, ParamType = MavParamType.Real32 };
        climbFaster.SetParamId("WPNAV_SPEED_UP");
        sim.Send(climbFaster);
        sim.SetMode(CopterMode.Guided);
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        sim.Command(MavCmd.NavTakeoff, p7: 40);
        sim.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("WPNAV_SPEED_UP", answer.GetParamId());
        Assert.Equal(250f, answer.ParamValueValue);
        Assert.Equal(500f, sim.Vehicle().GetParameter("WPNAV_SPEED_UP"));
        Assert.InRange(sim.Snapshot().ClimbRate, 4.8, 5.2);
    }

    [Fact]
    public async Task Set_AnIntegerParameter_IsTruncatedToItsType()
    {
        await using var sim = new SimulatorHarness();
        var set = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamValue = 7.9f, ParamType = MavParamType.Int8 };
        set.SetParamId("DISARM_DELAY");
        var mark = sim.Link.Frames.Count;

        sim.Send(set);

        Assert.Equal(7f, sim.Decode<ParamValue>(from: mark).Single().ParamValueValue);
    }

    [Fact]
    public async Task Set_AnUnknownParameter_GetsNoAnswer()
    {
        await using var sim = new SimulatorHarness();
        var set = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamValue = 1, ParamType = MavParamType.Real32 };
        set.SetParamId("NO_SUCH_PARAM");
        var mark = sim.Link.Frames.Count;

        sim.Send(set);
        sim.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(sim.Decode<ParamValue>(from: mark));
        Assert.Null(sim.Vehicle().GetParameter("NO_SUCH_PARAM"));
    }
}
