using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Vehicles;

namespace RafeCast.Mavlink.Tests.Vehicles;

public sealed class FlightModesTests
{
    [Theory]
    [InlineData("STABILIZE", 0u)]
    [InlineData("GUIDED", 4u)]
    [InlineData("LOITER", 5u)]
    [InlineData("RTL", 6u)]
    [InlineData("LAND", 9u)]
    [InlineData("SMART_RTL", 21u)]
    public void ArduCopter_NameAndNumber_MapBothWays(string name, uint number)
    {
        Assert.Equal(number, FlightModes.Parse(MavAutopilot.Ardupilotmega, name.ToLowerInvariant()).CustomMode);
        Assert.Equal(name, FlightModes.NameOf(MavAutopilot.Ardupilotmega, number));
    }

    [Theory]
    [InlineData("POSCTL", 3u, 0u)]
    [InlineData("AUTO.MISSION", 4u, 4u)]
    [InlineData("AUTO.RTL", 4u, 5u)]
    [InlineData("AUTO.LOITER", 4u, 3u)]
    [InlineData("OFFBOARD", 6u, 0u)]
    public void Px4_NameAndModes_MapBothWays(string name, uint main, uint sub)
    {
        var mode = FlightModes.Parse(MavAutopilot.Px4, name);

        Assert.Equal((main, sub), (mode.MainMode, mode.SubMode));
        Assert.Equal((main << 16) | (sub << 24), mode.CustomMode);
        Assert.Equal(name, FlightModes.NameOf(MavAutopilot.Px4, mode.CustomMode));
    }

    [Theory]
    [InlineData("hold", "AUTO.LOITER")]
    [InlineData("Return", "AUTO.RTL")]
    [InlineData("position", "POSCTL")]
    public void Px4_QGroundControlNames_AreAccepted(string alias, string name)
    {
        Assert.Equal(name, FlightModes.Parse(MavAutopilot.Px4, alias).Name);
    }

    [Fact]
    public void NameOf_UnknownNumber_IsTheNumber()
    {
        Assert.Equal("99", FlightModes.NameOf(MavAutopilot.Ardupilotmega, 99));
    }

    [Fact]
    public void Parse_UnknownName_ListsTheKnownModes()
    {
        var error = Assert.Throws<ArgumentException>(() => FlightModes.Parse(MavAutopilot.Ardupilotmega, "WARP"));

        Assert.Contains("'WARP'", error.Message, StringComparison.Ordinal);
        Assert.Contains("GUIDED", error.Message, StringComparison.Ordinal);
    }
}
