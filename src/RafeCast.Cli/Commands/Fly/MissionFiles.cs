using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Vehicles;
using RafeCast.Simulator.Plans;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>Between plan files and the MISSION_ITEM_INTs the mission client moves.</summary>
internal static class MissionFiles
{
    /// <summary>
    /// The items to upload: on ArduPilot, home first at sequence 0 (the plan's, else the vehicle's), as
    /// ArduPilot's mission protocol expects; PX4 takes the items alone, so DO_JUMP targets move down by one.
    /// </summary>
    public static IReadOnlyList<MissionItemInt> ToUpload(FlightPlan plan, Vehicle vehicle)
    {
        var items = new List<MissionItemInt>(plan.Items.Count + 1);
        var ardupilot = vehicle.Autopilot != MavAutopilot.Px4;
        if (ardupilot)
        {
            var home = plan.PlannedHome is { } planned && planned.Point.IsValid ? planned : vehicle.State.Home ?? new GeoPosition(0, 0, 0, 0);
            items.Add(new MissionItemInt
            {
                Frame = MavFrame.Global,
                Command = MavCmd.NavWaypoint,
                Autocontinue = 1,
                X = (int)Math.Round(home.Latitude * 1e7),
                Y = (int)Math.Round(home.Longitude * 1e7),
                Z = double.IsFinite(home.AltitudeAmsl) ? (float)home.AltitudeAmsl : 0,
            });
        }
        foreach (var item in plan.Items)
        {
            var param1 = item.Command == MissionItem.DoJump && !ardupilot ? item.Param1 - 1 : item.Param1;
            items.Add(new MissionItemInt
            {
                Frame = item.Frame,
                Command = item.Command,
                Autocontinue = (byte)(item.Autocontinue ? 1 : 0),
                Param1 = param1,
                Param2 = item.Param2,
                Param3 = item.Param3,
                Param4 = item.Param4,
                X = item.X,
                Y = item.Y,
                Z = item.Z,
            });
        }
        return items;
    }

    /// <summary>Saves downloaded items to <paramref name="path"/> (.plan JSON, else QGC WPL 110); returns the mission items written (home not counted).</summary>
    public static int Save(string path, IReadOnlyList<MissionItemInt> downloaded, MavAutopilot autopilot)
    {
        var ardupilot = autopilot != MavAutopilot.Px4;
        GeoPosition? home = null;
        var start = 0;
        if (ardupilot && downloaded.Count > 0)
        {
            var first = downloaded[0];
            home = new GeoPosition(first.X / 1e7, first.Y / 1e7, first.Z, 0);
            start = 1;
        }
        var items = downloaded.Skip(start)
            .Select(i => new MissionItem(i.Command, i.Frame, i.Param1, i.Param2, i.Param3, i.Param4, i.X, i.Y, i.Z, i.Autocontinue != 0))
            .ToList();
        FlightPlanWriter.Save(new FlightPlan(items, home, path), path);
        return items.Count;
    }
}
