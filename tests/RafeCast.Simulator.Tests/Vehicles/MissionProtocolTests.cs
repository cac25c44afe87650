using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Plans;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Vehicles;

/// <summary>The mission microservice as a ground station drives it, item by item through the codec.</summary>
public sealed class MissionProtocolTests
{
    private static readonly MissionItem[] Square =
    [
        MissionItem.Takeoff(20),
        MissionItem.Waypoint(-35.3623, 149.16523, 20),
        MissionItem.Waypoint(-35.3623, 149.1663, 25),
        MissionItem.Waypoint(-35.363261, 149.1663, 20, holdSeconds: 3),
        MissionItem.ReturnToLaunch(),
    ];

    private static MissionItemInt ToWire(MissionItem item, ushort seq, byte system = 1) => new()
    {
        TargetSystem = system,
        TargetComponent = 1,
        Seq = seq,
        Frame = item.Frame,
        Command = item.Command,
        Autocontinue = 1,
        Param1 = item.Param1,
        Param2 = item.Param2,
        Param3 = item.Param3,
        Param4 = item.Param4,
        X = item.X,
        Y = item.Y,
        Z = item.Z,
        MissionType = MavMissionType.Mission,
    };

    /// <summary>Uploads <paramref name="items"/> (home first) answering each request the vehicle makes; returns the final ack.</summary>
    internal static MissionAck Upload(SimulatorHarness sim, IReadOnlyList<MissionItem> items, byte system = 1)
    {
        var all = new List<MissionItem> { MissionItem.Waypoint(-35.363261, 149.16523, 0) };
        all.AddRange(items);
        var mark = sim.Link.Frames.Count;
        sim.Send(new MissionCount { TargetSystem = system, TargetComponent = 1, Count = (ushort)all.Count, MissionType = MavMissionType.Mission });
        for (var answered = 0; answered < all.Count; answered++)
        {
            var request = sim.Decode<MissionRequestInt>(system, mark).Last();
            Assert.Equal(answered, request.Seq);
            Assert.Equal(255, request.TargetSystem);
            mark = sim.Link.Frames.Count;
            sim.Send(ToWire(all[request.Seq], request.Seq, system));
        }
        return sim.Decode<MissionAck>(system, mark).Single();
    }

    internal static List<MissionItemInt> Download(SimulatorHarness sim, byte system = 1)
    {
        var mark = sim.Link.Frames.Count;
        sim.Send(new MissionRequestList { TargetSystem = system, TargetComponent = 1, MissionType = MavMissionType.Mission });
        var count = sim.Decode<MissionCount>(system, mark).Single().Count;
        var items = new List<MissionItemInt>();
        for (ushort seq = 0; seq < count; seq++)
        {
            mark = sim.Link.Frames.Count;
            sim.Send(new MissionRequestInt { TargetSystem = system, TargetComponent = 1, Seq = seq, MissionType = MavMissionType.Mission });
            items.Add(sim.Decode<MissionItemInt>(system, mark).Single());
        }
        sim.Send(new MissionAck { TargetSystem = system, TargetComponent = 1, Type = MavMissionResult.Accepted, MissionType = MavMissionType.Mission });
        return items;
    }

    [Fact]
    public async Task UploadThenDownload_GivesTheSameItemsWithHomeFirst()
    {
        await using var sim = new SimulatorHarness();

        var ack = Upload(sim, Square);
        var downloaded = Download(sim);

        Assert.Equal(MavMissionResult.Accepted, ack.Type);
        Assert.Equal(Square.Length + 1, downloaded.Count);
        Assert.Equal(-353_632_610, downloaded[0].X);
        Assert.Equal(MavFrame.Global, downloaded[0].Frame);
        for (var i = 0; i < Square.Length; i++)
        {
            Assert.Equal(Square[i].Command, downloaded[i + 1].Command);
            Assert.Equal(Square[i].X, downloaded[i + 1].X);
            Assert.Equal(Square[i].Y, downloaded[i + 1].Y);
            Assert.Equal(Square[i].Z, downloaded[i + 1].Z);
            Assert.Equal(i + 1, downloaded[i + 1].Seq);
        }
        Assert.Equal(Square.Length, sim.Snapshot().MissionCount);
    }

    [Fact]
    public async Task Upload_WhenTheGroundStationGoesQuiet_RetriesThenCancels()
    {
        await using var sim = new SimulatorHarness();
        sim.Send(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = 3, MissionType = MavMissionType.Mission });
        var mark = sim.Link.Frames.Count;

        sim.Advance(TimeSpan.FromSeconds(10));

        var requests = sim.Decode<MissionRequestInt>(from: mark);
        var ack = sim.Decode<MissionAck>(from: mark).Single();
        Assert.Equal(5, requests.Count);
        Assert.All(requests, r => Assert.Equal(0, r.Seq));
        Assert.Equal(MavMissionResult.OperationCancelled, ack.Type);
        Assert.Equal(0, sim.Snapshot().MissionCount);
    }

    [Fact]
    public async Task Upload_AnItemOutOfOrder_IsAskedForAgain()
    {
        await using var sim = new SimulatorHarness();
        sim.Send(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = 2, MissionType = MavMissionType.Mission });
        var mark = sim.Link.Frames.Count;

        sim.Send(ToWire(Square[0], 1));

        Assert.Equal(0, sim.Decode<MissionRequestInt>(from: mark).Single().Seq);
    }

    [Fact]
    public async Task ClearAll_EmptiesTheMission()
    {
        await using var sim = new SimulatorHarness();
        Upload(sim, Square);
        var mark = sim.Link.Frames.Count;

        sim.Send(new MissionClearAll { TargetSystem = 1, TargetComponent = 1, MissionType = MavMissionType.Mission });

        Assert.Equal(MavMissionResult.Accepted, sim.Decode<MissionAck>(from: mark).Single().Type);
        Assert.Equal(0, sim.Snapshot().MissionCount);
        Assert.Single(Download(sim));
    }

    [Fact]
    public async Task UploadFence_IsUnsupported()
    {
        await using var sim = new SimulatorHarness();
        var mark = sim.Link.Frames.Count;

        sim.Send(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = 4, MissionType = MavMissionType.Fence });

        Assert.Equal(MavMissionResult.Unsupported, sim.Decode<MissionAck>(from: mark).Single().Type);
    }

    [Fact]
    public async Task MissionStart_FliesEveryItemReportsProgressAndLandsAtHome()
    {
        await using var sim = new SimulatorHarness();
        Upload(sim, Square);
        sim.SetMode(CopterMode.Guided);
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        var mark = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.MissionStart);
        sim.AdvanceUntil(s => s.Mode == CopterMode.Auto && !s.Armed, TimeSpan.FromMinutes(5), "the mission to end on the ground");

        Assert.Equal(MavResult.Accepted, ack.Result);
        var reached = sim.Decode<MissionItemReached>(from: mark).Select(r => (int)r.Seq).ToList();
        Assert.Equal([1, 2, 3, 4], reached);
        var current = sim.Decode<MissionCurrent>(from: mark);
        Assert.Contains(current, c => c.Seq == 5 && c.MissionState == MissionState.Active);
        Assert.Equal(MissionState.Complete, current.Last().MissionState);
        var texts = sim.StatusTexts(from: mark);
        Assert.Contains("Reached command #3", texts);
        Assert.Contains("Mission complete", texts);
        var end = sim.Snapshot();
        Assert.InRange(Math.Abs(end.Position.Latitude - end.Home.Latitude) * 111_000, 0, 2);
    }

    [Fact]
    public async Task MissionStart_WhenDisarmed_FailsWithStatusText()
    {
        await using var sim = new SimulatorHarness();
        Upload(sim, Square);
        var mark = sim.Link.Frames.Count;

        var ack = sim.Command(MavCmd.MissionStart);

        Assert.Equal(MavResult.Failed, ack.Result);
        Assert.Contains(sim.StatusTexts(from: mark), t => t.Contains("not armed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AutoMode_OnTheGroundWithoutTakeoffItem_IsRefused()
    {
        await using var sim = new SimulatorHarness();
        Upload(sim, [MissionItem.Waypoint(-35.3623, 149.16523, 20)]);
        sim.SetMode(CopterMode.Guided);
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        var mark = sim.Link.Frames.Count;

        var ack = sim.SetMode(CopterMode.Auto);

        Assert.Equal(MavResult.Failed, ack.Result);
        Assert.Contains("Auto: Missing Takeoff Cmd", sim.StatusTexts(from: mark));
    }

    [Fact]
    public async Task DoJump_RepeatsALegTheGivenNumberOfTimes()
    {
        await using var sim = new SimulatorHarness();
        Upload(sim,
        [
            MissionItem.Takeoff(10),
            MissionItem.Waypoint(-35.36318, 149.16523, 10),
            MissionItem.Waypoint(-35.36326, 149.16523, 10),
            MissionItem.Jump(2, 2),
            MissionItem.Land(),
        ]);
        sim.SetMode(CopterMode.Guided);
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        var mark = sim.Link.Frames.Count;

        sim.Command(MavCmd.MissionStart);
        sim.AdvanceUntil(s => !s.Armed, TimeSpan.FromMinutes(5), "the mission to end");

        var reached = sim.Decode<MissionItemReached>(from: mark).Select(r => (int)r.Seq).ToList();
        Assert.Equal([1, 2, 3, 2, 3, 2, 3], reached);
    }

    [Fact]
    public async Task MissionSetCurrent_InAuto_SkipsToThatItem()
    {
        await using var sim = new SimulatorHarness();
        Upload(sim, Square);
        sim.SetMode(CopterMode.Guided);
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        sim.Command(MavCmd.MissionStart);
        sim.Advance(TimeSpan.FromSeconds(15));
        var mark = sim.Link.Frames.Count;

        sim.Send(new MissionSetCurrent { TargetSystem = 1, TargetComponent = 1, Seq = 4 });
        sim.AdvanceUntil(s => s.MissionCurrent == 5, TimeSpan.FromMinutes(2), "item 4 to be reached");

        var reached = sim.Decode<MissionItemReached>(from: mark).Select(r => (int)r.Seq).ToList();
        Assert.Equal([4], reached);
    }
}
