using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Microservices;

namespace RafeCast.Mavlink.Tests.Microservices;

public sealed class MissionClientTests
{
    private static readonly TimeSpan Wait = StationFixture.Wait;

    private static MissionItemInt Waypoint(int lat, int lon, float alt) => new()
    {
        Frame = MavFrame.GlobalRelativeAlt,
        Command = MavCmd.NavWaypoint,
        Autocontinue = 1,
        X = lat,
        Y = lon,
        Z = alt,
    };

    private static Func<FakeAutopilot, ValueTask>[] Reply<T>(T message)
        where T : struct, IMavlinkMessage<T> => [v => v.SendAsync(message)];

    [Fact]
    public async Task UploadAsync_ItemLostOnce_ResendsItAndFinishesOnTheAck()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        var stored = new List<MissionItemInt>();
        var dropped = false;
        fixture.Vehicle.Responder = f =>
        {
            if (f.Is<MissionCount>(out var count))
            {
                return Reply(new MissionRequestInt { TargetSystem = 255, TargetComponent = 190, Seq = 0, MissionType = count.MissionType });
            }
            if (f.Is<MissionItemInt>(out var item))
            {
                if (item.Seq == 1 && !dropped)
                {
                    dropped = true;
                    return null;
                }
                stored.Add(item);
                return item.Seq == 2
                    ? Reply(new MissionAck { TargetSystem = 255, TargetComponent = 190, Type = MavMissionResult.Accepted })
                    : Reply(new MissionRequestInt { TargetSystem = 255, TargetComponent = 190, Seq = (ushort)(item.Seq + 1) });
            }
            return null;
        };
        MissionItemInt[] plan = [Waypoint(515_000_000, -1_250_000, 30), Waypoint(515_010_000, -1_240_000, 35), Waypoint(515_020_000, -1_230_000, 40)];

        var upload = vehicle.Missions.UploadAsync(plan, CancellationToken.None);
        await fixture.AdvanceUntil(() => upload.IsCompleted, "the upload to finish");
        await upload;

        Assert.Equal([0, 1, 2], stored.Select(i => (int)i.Seq));
        Assert.Equal(515_010_000, stored[1].X);
        Assert.Equal(2, fixture.Vehicle.ReceivedMessages<MissionItemInt>().Count(i => i.Seq == 1));
        Assert.All(stored, i => Assert.Equal((1, 1), (i.TargetSystem, i.TargetComponent)));
    }

    [Fact]
    public async Task UploadAsync_VehicleRefuses_ThrowsWithItsResult()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f => f.Is<MissionCount>(out _) ? Reply(new MissionAck { Type = MavMissionResult.NoSpace }) : null;

        var error = await Assert.ThrowsAsync<MavlinkMissionException>(() => vehicle.Missions.UploadAsync([Waypoint(1, 2, 3)], CancellationToken.None).WaitAsync(Wait));

        Assert.Equal(MavMissionResult.NoSpace, error.Result);
    }

    [Fact]
    public async Task UploadAsync_VehicleSilent_TimesOut()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();

        var upload = vehicle.Missions.UploadAsync([Waypoint(1, 2, 3)], CancellationToken.None);
        await fixture.AdvanceUntil(() => upload.IsCompleted, "the upload to give up");

        await Assert.ThrowsAsync<MavlinkTimeoutException>(() => upload);
        Assert.Equal(5, fixture.Vehicle.ReceivedMessages<MissionCount>().Count());
    }

    [Fact]
    public async Task DownloadAsync_RequestLostOnce_GetsEveryItemAndAcks()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        MissionItemInt[] onboard = [Waypoint(10, 20, 30), Waypoint(11, 21, 31)];
        var ignored = false;
        fixture.Vehicle.Responder = f =>
        {
            if (f.Is<MissionRequestList>(out _))
            {
                return Reply(new MissionCount { TargetSystem = 255, TargetComponent = 190, Count = 2 });
            }
            if (f.Is<MissionRequestInt>(out var request))
            {
                if (request.Seq == 0 && !ignored)
                {
                    ignored = true;
                    return null;
                }
                return Reply(onboard[request.Seq] with { Seq = request.Seq, TargetSystem = 255, TargetComponent = 190 });
            }
            return null;
        };

        var download = vehicle.Missions.DownloadAsync(CancellationToken.None);
        await fixture.AdvanceUntil(() => download.IsCompleted, "the download to finish");
        var items = await download;

        Assert.Equal([10, 11], items.Select(i => i.X));
        await Testing.Eventually.Until(() => fixture.Vehicle.ReceivedMessages<MissionAck>().Any(), Wait, "the closing ack");
        Assert.Equal(MavMissionResult.Accepted, fixture.Vehicle.ReceivedMessages<MissionAck>().Single().Type);
    }

    [Fact]
    public async Task ClearAsync_Accepted_Completes()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();
        fixture.Vehicle.Responder = f => f.Is<MissionClearAll>(out var clear) ? Reply(new MissionAck { Type = MavMissionResult.Accepted, MissionType = clear.MissionType }) : null;

        await vehicle.Missions.ClearAsync(CancellationToken.None, MavMissionType.Fence).WaitAsync(Wait);

        Assert.Equal(MavMissionType.Fence, fixture.Vehicle.ReceivedMessages<MissionClearAll>().Single().MissionType);
    }
}
