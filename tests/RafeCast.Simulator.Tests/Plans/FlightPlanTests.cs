using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Plans;
using RafeCast.Testing;

namespace RafeCast.Simulator.Tests.Plans;

public sealed class FlightPlanTests
{
    private const string QgcPlan = """
        {
          "fileType": "Plan",
          "version": 1,
          "groundStation": "QGroundControl",
          "mission": {
            "version": 2,
            "firmwareType": 3,
            "plannedHomePosition": [-35.363261, 149.16523, 584],
            "items": [
              { "type": "SimpleItem", "autoContinue": true, "command": 22, "doJumpId": 1, "frame": 3, "params": [0, 0, 0, null, 0, 0, 25] },
              { "type": "SimpleItem", "autoContinue": true, "command": 16, "doJumpId": 2, "frame": 3, "params": [2, 0, 0, null, -35.3625, 149.1655, 30] },
              { "type": "ComplexItem", "complexItemType": "survey", "TransectStyleComplexItem": { "Items": [
                  { "type": "SimpleItem", "autoContinue": true, "command": 16, "doJumpId": 3, "frame": 3, "params": [0, 0, 0, null, -35.3620, 149.1660, 40] },
                  { "type": "SimpleItem", "autoContinue": true, "command": 16, "doJumpId": 4, "frame": 3, "params": [0, 0, 0, null, -35.3621, 149.1670, 40] }
              ] } },
              { "type": "SimpleItem", "autoContinue": true, "command": 177, "doJumpId": 5, "frame": 2, "params": [2, 3, 0, 0, 0, 0, 0] },
              { "type": "SimpleItem", "autoContinue": true, "command": 20, "doJumpId": 6, "frame": 2, "params": [0, 0, 0, 0, 0, 0, 0] }
            ]
          },
          "geoFence": { "circles": [], "polygons": [], "version": 2 },
          "rallyPoints": { "points": [], "version": 2 }
        }
        """;

    private const string Waypoints = "QGC WPL 110\n" +
        "0\t1\t0\t16\t0\t0\t0\t0\t-35.363261\t149.165230\t584.000000\t1\n" +
        "1\t0\t3\t22\t0\t0\t0\t0\t0\t0\t20\t1\n" +
        "2\t0\t3\t16\t5\t0\t0\t0\t-35.3625\t149.1655\t30\t1\n" +
        "3\t0\t3\t21\t0\t0\t0\t0\t0\t0\t0\t1\n";

    [Fact]
    public void Parse_QgcPlan_FlattensComplexItemsAndTurnsJumpIdsIntoSequences()
    {
        var plan = FlightPlan.Parse(QgcPlan, "survey.plan");

        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.NavWaypoint, MavCmd.NavWaypoint, MissionItem.DoJump, MavCmd.NavReturnToLaunch], plan.Items.Select(i => i.Command));
        Assert.Equal(25, plan.Items[0].Z);
        Assert.Equal(-35.3625, plan.Items[1].Latitude, 7);
        Assert.Equal(149.1655, plan.Items[1].Longitude, 7);
        Assert.Equal(2, plan.Items[1].Param1);
        Assert.True(float.IsNaN(plan.Items[1].Param4));
        Assert.Equal(MavFrame.GlobalRelativeAlt, plan.Items[2].Frame);
        // doJumpId 2 is the second item: sequence 2 after home.
        Assert.Equal(2, plan.Items[4].Param1);
        Assert.Equal(3, plan.Items[4].Param2);
        Assert.Equal(new GeoPosition(-35.363261, 149.16523, 584, 0), plan.PlannedHome);
    }

    [Fact]
    public void Parse_WaypointFile_TakesLineZeroAsHome()
    {
        var plan = FlightPlan.Parse(Waypoints, "mission.waypoints");

        Assert.Equal(new GeoPosition(-35.363261, 149.16523, 584, 0), plan.PlannedHome);
        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.NavLand], plan.Items.Select(i => i.Command));
        Assert.Equal(5, plan.Items[1].Param1);
        Assert.Equal(-353_625_000, plan.Items[1].X);
        Assert.Equal(1_491_655_000, plan.Items[1].Y);
    }

    [Theory]
    [InlineData("{ \"mission\": 3 }", "no \"mission\" object")]
    [InlineData("{ \"mission\": { \"items\": [ { \"type\": \"SimpleItem\", \"command\": 16, \"frame\": 3, \"params\": [0, 0, 0] } ] } }", "mission.items[0].params must be an array of 7")]
    [InlineData("{ \"mission\": { \"items\": [ { \"type\": \"SimpleItem\", \"frame\": 3, \"params\": [0, 0, 0, 0, 0, 0, 0] } ] } }", "mission.items[0].command is missing")]
    [InlineData("{ \"mission\": { \"items\": [ { \"type\": \"SimpleItem\", \"command\": 16, \"frame\": 3, \"params\": [0, 0, 0, 0, 95, 149, 10] } ] } }", "is not a valid latitude and longitude")]
    [InlineData("{ \"mission\": { \"items\": [ { \"type\": \"ComplexItem\", \"complexItemType\": \"StructureScan\" } ] } }", "complex item of type 'StructureScan'")]
    [InlineData("{ \"mission\": { \"items\": [ { \"type\": \"SimpleItem\", \"command\": 177, \"frame\": 2, \"params\": [9, 1, 0, 0, 0, 0, 0] } ] } }", "jumps to doJumpId 9")]
    [InlineData("{ \"mission\": { \"items\": [ ", "not valid JSON (line 1")]
    public void Parse_BadQgcPlan_NamesTheFileAndThePlace(string json, string expected)
    {
        var error = Assert.Throws<FlightPlanException>(() => FlightPlan.Parse(json, "bad.plan"));

        Assert.StartsWith("bad.plan: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QGC WPL 120\n", "only 'QGC WPL 110'")]
    [InlineData("QGC WPL 110\n0\t1\t0\t16\t0\t0\t0\t0\t-35\t149\t584\n", "line 2 has 11 fields")]
    [InlineData("QGC WPL 110\n0\t1\t0\t16\t0\t0\t0\t0\t-35\t149\t584\t1\n2\t0\t3\t16\t0\t0\t0\t0\t-35\t149\t30\t1\n", "line 3 has index 2; expected 1")]
    [InlineData("QGC WPL 110\n0\t1\t0\t16\t0\t0\t0\t0\t-35\t149\t584\t1\n1\t0\t3\t16\tx\t0\t0\t0\t-35\t149\t30\t1\n", "line 3: param1 'x' is not a number")]
    [InlineData("QGC WPL 110\n0\t1\t0\t16\t0\t0\t0\t0\t-35\t149\t584\t1\n1\t0\t3\t16\t0\t0\t0\t0\t-35\t190\t30\t1\n", "line 3: -35, 190 is not a valid latitude and longitude")]
    public void Parse_BadWaypointFile_NamesTheLine(string text, string expected)
    {
        var error = Assert.Throws<FlightPlanException>(() => FlightPlan.Parse(text, "bad.waypoints"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NeitherFormat_SaysWhatIsExpected()
    {
        var error = Assert.Throws<FlightPlanException>(() => FlightPlan.Parse("lat,lon\n-35,149\n", "points.csv"));

        Assert.Contains("expected QGroundControl .plan JSON or a 'QGC WPL 110' waypoint file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesIt()
    {
        var error = Assert.Throws<FlightPlanException>(() => FlightPlan.Load("/nonexistent/route.plan"));

        Assert.StartsWith("/nonexistent/route.plan: cannot read the plan", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("route.plan")]
    [InlineData("route.waypoints")]
    public void SaveThenLoad_GivesTheSamePlan(string name)
    {
        using var dir = new TempDirectory("plan-roundtrip");
        var original = FlightPlan.Parse(QgcPlan, "survey.plan");

        FlightPlanWriter.Save(original, dir.Combine(name));
        var loaded = FlightPlan.Load(dir.Combine(name));

        Assert.Equal(original.PlannedHome, loaded.PlannedHome);
        Assert.Equal(original.Items.Count, loaded.Items.Count);
        for (var i = 0; i < original.Items.Count; i++)
        {
            var (a, b) = (original.Items[i], loaded.Items[i]);
            Assert.Equal((a.Command, a.Frame, a.X, a.Y, a.Z, a.Param1, a.Param2), (b.Command, b.Frame, b.X, b.Y, b.Z, b.Param1, b.Param2));
        }
    }

    [Fact]
    public void Autofly_TakesOffFliesToTheFarEndAndLoops()
    {
        var plan = FlightPlan.Autofly(FlightPlan.ParsePoint("-35.362360,149.154227"), FlightPlan.ParsePoint(" -35.362360 , 149.179534 "), 40);

        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.NavWaypoint, MissionItem.DoJump], plan.Items.Select(i => i.Command));
        Assert.Equal(149.179534, plan.Items[1].Longitude, 6);
        Assert.Equal(149.154227, plan.Items[2].Longitude, 6);
        Assert.All(plan.Items.Take(3), i => Assert.Equal(40, i.Z));
        Assert.Equal((2f, -1f), (plan.Items[3].Param1, plan.Items[3].Param2));
        Assert.Equal(-35.362360, plan.PlannedHome!.Value.Latitude, 6);
    }

    [Theory]
    [InlineData("-35.36", "is not a position")]
    [InlineData("north,east", "is not a position")]
    [InlineData("-95,149", "is out of range")]
    public void ParsePoint_Bad_SaysWhatIsExpected(string text, string expected)
    {
        var error = Assert.Throws<FlightPlanException>(() => FlightPlan.ParsePoint(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
