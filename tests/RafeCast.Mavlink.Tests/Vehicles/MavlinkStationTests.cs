using RafeCast.Core.Vehicles;
using RafeCast.Mavlink.Messages;
using RafeCast.Pipeline.Events;
using RafeCast.Testing;

namespace RafeCast.Mavlink.Tests.Vehicles;

public sealed class MavlinkStationTests
{
    private static readonly TimeSpan Wait = StationFixture.Wait;

    [Fact]
    public async Task FirstHeartbeat_DiscoversTheVehicleAndPublishesConnectedAndState()
    {
        await using var fixture = await StationFixture.StartAsync();

        var vehicle = await fixture.ConnectAsync();

        Assert.Equal(new VehicleId(1, 1), vehicle.Id);
        Assert.Equal(MavAutopilot.Ardupilotmega, vehicle.State.Autopilot);
        Assert.Equal("STABILIZE", vehicle.State.FlightMode);
        await Eventually.Until(() => fixture.Publisher.Of<VehicleConnected>().Any() && fixture.Publisher.Of<VehicleStateChanged>().Any(), Wait, "connected and state notifications");
        var connected = fixture.Publisher.Of<VehicleConnected>().Single();
        Assert.False(connected.Regained);
        Assert.Equal("memory", connected.Link);
        var state = fixture.Publisher.Of<VehicleStateChanged>().Single();
        Assert.Null(state.WasArmed);
        Assert.False(state.Armed);
    }

    [Fact]
    public async Task GroundStationHeartbeat_IsNotAVehicle()
    {
        await using var fixture = await StationFixture.StartAsync();

        await fixture.Vehicle.SendAsync(new Heartbeat { Type = MavType.Gcs, Autopilot = MavAutopilot.Invalid });
        await fixture.Vehicle.SendAsync(TestFrames.Position());
        await fixture.ConnectAsync();

        Assert.Single(fixture.Station.Vehicles);
    }

    [Fact]
    public async Task Station_SendsItsHeartbeatEverySecondAsGcs255And190()
    {
        await using var fixture = await StationFixture.StartAsync();
        await Eventually.Until(() => fixture.Vehicle.ReceivedMessages<Heartbeat>().Any(), Wait, "the first station heartbeat");

        for (var i = 0; i < 3; i++)
        {
            // What the station end has sent is known the moment the round ends; delivery to the vehicle follows.
            var before = fixture.StationEnd.FramesSent;
            await fixture.StepUntil(() => fixture.StationEnd.FramesSent > before, "the next heartbeat");
        }
        await Eventually.Until(() => fixture.Vehicle.ReceivedMessages<Heartbeat>().Count() == 4, Wait, "four heartbeats delivered");

        var frames = fixture.Vehicle.Received.Where(f => f.MessageId == Heartbeat.MessageId).ToList();
        Assert.All(frames, f => Assert.Equal((255, 190), (f.SystemId, f.ComponentId)));
        Assert.All(fixture.Vehicle.ReceivedMessages<Heartbeat>(), h => Assert.Equal(MavType.Gcs, h.Type));
        // Four heartbeats a second apart: fake time moved just over three seconds.
        Assert.Equal(4, frames.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), fixture.Time.GetUtcNow() - new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Silence_LongerThanTheTimeout_IsLinkLossAndTheNextMessageRegainsIt()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();

        var start = fixture.Time.GetUtcNow();
        await fixture.StepUntil(() => fixture.Time.GetUtcNow() - start >= TimeSpan.FromSeconds(3.5), "3.5 s of silence");
        Assert.False(vehicle.State.LinkLost);
        await fixture.StepUntil(() => vehicle.State.LinkLost, "link loss", TimeSpan.FromSeconds(1));
        await Eventually.Until(() => fixture.Publisher.Of<VehicleLinkLost>().Any(), Wait, "the link-loss notification");

        var lost = fixture.Publisher.Of<VehicleLinkLost>().Single();
        Assert.Equal(TimeSpan.FromSeconds(3.75), lost.DetectedUtc - lost.LastHeardUtc);

        await fixture.Vehicle.SendAsync(TestFrames.Attitude());
        await Eventually.Until(() => fixture.Publisher.Of<VehicleConnected>().Any(c => c.Regained), Wait, "link regained");
        Assert.False(vehicle.State.LinkLost);
    }

    [Fact]
    public async Task ConfiguredLinkLossTimeout_IsUsed()
    {
        await using var fixture = await StationFixture.StartAsync(new() { LinkLossTimeout = TimeSpan.FromSeconds(10) });
        var vehicle = await fixture.ConnectAsync();

        var start = fixture.Time.GetUtcNow();
        await fixture.StepUntil(() => fixture.Time.GetUtcNow() - start >= TimeSpan.FromSeconds(10), "10 s of silence");
        Assert.False(vehicle.State.LinkLost);
        await fixture.StepUntil(() => vehicle.State.LinkLost, "link loss", TimeSpan.FromSeconds(1));
        await Eventually.Until(() => fixture.Publisher.Of<VehicleLinkLost>().Any(), Wait, "the link-loss notification");

        var lost = fixture.Publisher.Of<VehicleLinkLost>().Single();
        Assert.Equal(TimeSpan.FromSeconds(10.25), lost.DetectedUtc - lost.LastHeardUtc);
    }

    [Fact]
    public async Task ArmingAndModeChange_PublishVehicleStateChanged()
    {
        await using var fixture = await StationFixture.StartAsync();
        await fixture.ConnectAsync();

        fixture.Vehicle.Heartbeat = fixture.Vehicle.Heartbeat with { BaseMode = MavModeFlag.CustomModeEnabled | MavModeFlag.SafetyArmed, CustomMode = 4 };
        await fixture.Vehicle.SendHeartbeatAsync();
        await Eventually.Until(() => fixture.Publisher.Of<VehicleStateChanged>().Count() == 2, Wait, "the arming notification");
        fixture.Vehicle.Heartbeat = fixture.Vehicle.Heartbeat with { BaseMode = MavModeFlag.CustomModeEnabled, CustomMode = 9 };
        await fixture.Vehicle.SendHeartbeatAsync();
        await Eventually.Until(() => fixture.Publisher.Of<VehicleStateChanged>().Count() == 3, Wait, "the disarming notification");
        await fixture.Vehicle.SendHeartbeatAsync();
        await fixture.Vehicle.SendAsync(TestFrames.Attitude());
        await Eventually.Until(() => fixture.Station.Vehicles[0].State.Attitude is not null, Wait, "the attitude");

        var changes = fixture.Publisher.Of<VehicleStateChanged>().ToList();
        Assert.Equal(3, changes.Count);
        Assert.True(changes[1].BecameArmed);
        Assert.Equal("GUIDED", changes[1].FlightMode);
        Assert.Equal("STABILIZE", changes[1].PreviousFlightMode);
        Assert.True(changes[2].BecameDisarmed);
        Assert.Equal("LAND", changes[2].FlightMode);
    }

    [Fact]
    public async Task Position_PublishesTelemetryAndUpdatesTheState()
    {
        await using var fixture = await StationFixture.StartAsync();
        var vehicle = await fixture.ConnectAsync();

        await fixture.Vehicle.SendAsync(TestFrames.Attitude());
        await fixture.Vehicle.SendAsync(new SysStatus { VoltageBattery = 12_600, CurrentBattery = 1_250, BatteryRemaining = 87 });
        await fixture.Vehicle.SendAsync(new GpsRawInt { FixType = GpsFixType.Type3dFix, SatellitesVisible = 14, Eph = 80 });
        await fixture.Vehicle.SendAsync(new HomePosition { Latitude = 515_000_000, Longitude = -1_250_000, Altitude = 70_000 });
        await fixture.Vehicle.SendAsync(TestFrames.Position(lat: 515_100_000));
        await Eventually.Until(() => fixture.Publisher.Of<TelemetryReceived>().Any(), Wait, "telemetry");

        var sample = fixture.Publisher.Of<TelemetryReceived>().Single().Sample;
        Assert.Equal(new VehicleId(1, 1), sample.Vehicle);
        Assert.Equal(51.51, sample.Position.Latitude, 9);
        Assert.NotNull(sample.Attitude);
        Assert.Equal("memory", sample.Source);
        var state = vehicle.State;
        Assert.Equal(51.51, state.Position!.Value.Latitude, 9);
        Assert.Equal(12.6, state.Battery!.Value.VoltageVolts, 9);
        Assert.Equal(12.5, state.Battery!.Value.CurrentAmps);
        Assert.Equal(87, state.Battery!.Value.RemainingPercent);
        Assert.Equal(GpsFixType.Type3dFix, state.Gps!.Value.FixType);
        Assert.Equal(14, state.Gps!.Value.SatellitesVisible);
        Assert.Equal(51.5, state.Home!.Value.Latitude, 9);
    }

    [Fact]
    public async Task WaitForVehicleAsync_NoVehicle_TimesOutOnTheStationClock()
    {
        await using var fixture = await StationFixture.StartAsync();

        var wait = fixture.Station.WaitForVehicleAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        fixture.Time.Advance(TimeSpan.FromSeconds(6));

        await Assert.ThrowsAsync<TimeoutException>(() => wait);
    }
}
