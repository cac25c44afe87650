using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RafeCast.Core.Domes;
using RafeCast.Core.Video;
using RafeCast.Core.Vehicles;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Live;
using RafeCast.GroundStation.Tests.Support;
using RafeCast.Pipeline.Events;
using static RafeCast.GroundStation.Tests.Support.Samples;

namespace RafeCast.GroundStation.Tests.Live;

public sealed class LiveStationModelTests
{
    private readonly FakeTimeProvider _time = new(T0);

    private LiveStationModel Model(Action<LiveModelOptions>? configure = null, string? pilot = null, LiveFeed? feed = null)
    {
        var options = new LiveModelOptions();
        configure?.Invoke(options);
        return new LiveStationModel(Options.Create(options), Options.Create(new StationOptions { Pilot = pilot }), _time, feed ?? new LiveFeed());
    }

    [Fact]
    public void ApplyTelemetry_NewerSample_BecomesLatestAndJoinsTrack()
    {
        var model = Model();

        model.Apply(new TelemetryReceived(Telemetry(T0, 51.5, -0.1)));
        model.Apply(new TelemetryReceived(Telemetry(T0.AddSeconds(1), 51.5001, -0.1002, heading: 45)));

        var vehicle = model.Vehicle(Vehicle1, withTrack: true)!;
        Assert.True(vehicle.Connected);
        Assert.Equal(51.5001, vehicle.Position!.Lat);
        Assert.Equal(-0.1002, vehicle.Position.Lon);
        Assert.Equal(45, vehicle.Position.Heading);
        Assert.Equal(T0.AddSeconds(1), vehicle.LastHeard);
        Assert.Equal([51.5, 51.5001], vehicle.Track!.Select(p => p.Lat));
    }

    [Fact]
    public void ApplyTelemetry_MoreSamplesThanTrackPoints_KeepsTheNewest()
    {
        var model = Model(o => o.TrackPoints = 5);

        for (var i = 0; i < 12; i++)
        {
            model.Apply(new TelemetryReceived(Telemetry(T0.AddSeconds(i), 51.5 + (i * 0.0001), -0.1)));
        }

        var track = model.Vehicle(Vehicle1, withTrack: true)!.Track!;
        Assert.Equal(5, track.Count);
        Assert.Equal(Enumerable.Range(7, 5).Select(i => T0.AddSeconds(i)), track.Select(p => p.Time));
    }

    [Fact]
    public void ApplyTelemetry_OlderThanLatest_IsIgnored()
    {
        var model = Model();
        model.Apply(new TelemetryReceived(Telemetry(T0.AddSeconds(5), 51.6, -0.1)));

        model.Apply(new TelemetryReceived(Telemetry(T0.AddSeconds(4), 51.4, -0.1)));

        var vehicle = model.Vehicle(Vehicle1, withTrack: true)!;
        Assert.Equal(51.6, vehicle.Position!.Lat);
        Assert.Single(vehicle.Track!);
    }

    [Fact]
    public void ApplyLinkLost_KeepsLastPositionAndMarksDisconnected_UntilHeardAgain()
    {
        var model = Model();
        model.Apply(new VehicleConnected(Vehicle1, T0, "udpin:0.0.0.0:14550", Regained: false));
        model.Apply(new TelemetryReceived(Telemetry(T0.AddSeconds(1), 51.5, -0.1)));

        model.Apply(new VehicleLinkLost(Vehicle1, T0.AddSeconds(1), T0.AddSeconds(4.5)));

        var lost = model.Vehicle(Vehicle1)!;
        Assert.False(lost.Connected);
        Assert.Equal(51.5, lost.Position!.Lat);
        Assert.Equal(0, model.ConnectedVehicles);

        model.Apply(new VehicleConnected(Vehicle1, T0.AddSeconds(9), "udpin:0.0.0.0:14550", Regained: true));

        Assert.True(model.Vehicle(Vehicle1)!.Connected);
        Assert.Equal(1, model.ConnectedVehicles);
        Assert.Equal("udpin:0.0.0.0:14550", model.Vehicle(Vehicle1)!.Link);
    }

    [Fact]
    public void ApplySegmentClosed_Segments_StreamIsLiveWithRungsSinceAndLastSegment()
    {
        var model = Model(pilot: "ana");

        model.Apply(new SegmentClosed(Segment(0, "720p")));
        model.Apply(new SegmentClosed(Segment(0, "360p")));
        model.Apply(new SegmentClosed(Segment(1, "720p")));

        var stream = Assert.Single(model.Streams(liveOnly: true));
        Assert.Equal("v1-cam0", stream.Id);
        Assert.Equal("1/1", stream.Vehicle);
        Assert.Equal("ana", stream.Pilot);
        Assert.Equal(T0, stream.Since);
        Assert.Equal(T0.AddSeconds(2), stream.LastSegment);
        Assert.Equal(1, stream.LastSequence);
        Assert.Equal(["360p", "720p"], stream.Rungs);
        Assert.Equal(3, stream.SegmentsClosed);
        Assert.True(stream.Live);
    }

    [Fact]
    public void Streams_NoSegmentForLongerThanIdleTimeout_StreamIsNotLive_AndANewSessionStartsLater()
    {
        var model = Model(o => o.StreamIdleTimeout = TimeSpan.FromSeconds(30));
        model.Apply(new SegmentClosed(Segment(0)));

        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Empty(model.Streams(liveOnly: true));
        Assert.False(Assert.Single(model.Streams(liveOnly: false)).Live);
        Assert.Equal(0, model.LiveStreams);

        var later = T0.AddMinutes(10);
        model.Apply(new SegmentClosed(Segment(1, start: later)));

        var stream = Assert.Single(model.Streams(liveOnly: true));
        Assert.Equal(later, stream.Since);
    }

    [Fact]
    public void ApplyDomeCrossed_EnterThenExit_CurrentDomesFollow()
    {
        var model = Model();
        model.Apply(new SegmentClosed(Segment(0)));

        model.Apply(new DomeCrossed(Crossing("dome-harbour", CrossingDirection.Enter, T0.AddSeconds(1))));

        Assert.Equal(["dome-harbour"], model.Vehicle(Vehicle1)!.Domes);
        Assert.Equal(["dome-harbour"], model.Stream(Stream1)!.Domes);

        model.Apply(new DomeCrossed(Crossing("dome-harbour", CrossingDirection.Exit, T0.AddSeconds(7))));

        Assert.Empty(model.Vehicle(Vehicle1)!.Domes);
        Assert.Equal(["enter", "exit"], model.Crossings(Vehicle1).Select(c => c.Direction));
    }

    [Fact]
    public void ApplyDomeCrossed_OverTheCeiling_IsRecordedButNotInside()
    {
        var model = Model();

        model.Apply(new DomeCrossed(Crossing("dome-harbour", CrossingDirection.Over, T0)));

        Assert.Empty(model.Vehicle(Vehicle1)!.Domes);
        Assert.Equal("over", Assert.Single(model.Crossings()).Direction);
    }

    [Fact]
    public void ApplySegmentTagged_StreamWithoutConventionalName_GetsVehiclePilotFlightAndDomes()
    {
        var model = Model(pilot: "station-pilot");
        var camera = new StreamId("north-gate");
        var vehicle = VehicleId.Autopilot(7);
        var segment = Segment(3, stream: camera);
        model.Apply(new SegmentClosed(segment));
        Assert.Null(model.Stream(camera)!.Vehicle);

        model.Apply(new SegmentTagged(Tagged(segment, vehicle, pilot: "bo", domesAtEnd: ["dome-market"])));

        var stream = model.Stream(camera)!;
        Assert.Equal("7/1", stream.Vehicle);
        Assert.Equal("bo", stream.Pilot);
        Assert.Equal(FlightIdOf(vehicle), stream.Flight);
        Assert.Equal(["dome-market"], stream.Domes);
        Assert.Equal(vehicle, model.VehicleOf(camera));
    }

    [Fact]
    public void ApplySegmentTagged_OlderThanLastCrossing_DoesNotOverrideDomes()
    {
        var model = Model();
        model.Apply(new DomeCrossed(Crossing("dome-harbour", CrossingDirection.Enter, T0.AddSeconds(30))));

        // A segment that ended before the crossing still says "outside".
        model.Apply(new SegmentTagged(Tagged(Segment(0), domesAtEnd: [])));

        Assert.Equal(["dome-harbour"], model.Vehicle(Vehicle1)!.Domes);
    }

    [Fact]
    public void ApplySegmentPublished_RecordsLatencyAndCountsTheBacklog()
    {
        var model = Model();
        model.Apply(new SegmentClosed(Segment(0)));
        model.Apply(new SegmentTagged(Tagged(Segment(0))));
        model.Apply(new SegmentTagged(Tagged(Segment(1))));
        Assert.Equal(2, model.UnpublishedSegments);

        model.Apply(new SegmentPublished(Published(Segment(0), TimeSpan.FromMilliseconds(420))));

        var stream = model.Stream(Stream1)!;
        Assert.Equal(420, stream.PublishLatencyMs);
        Assert.Equal(1, stream.SegmentsPublished);
        Assert.Equal(2, stream.SegmentsTagged);
        Assert.Equal(1, model.UnpublishedSegments);
    }

    [Fact]
    public void ApplyStreamGap_IsRecordedOnTheStreamAndInTheHistory()
    {
        var model = Model();
        var gap = new StreamInterruption(Stream1, T0, T0.AddSeconds(6), StreamInterruptionReason.InputLost, "no packets for 5 s");

        model.Apply(new StreamGap(gap));

        Assert.Equal("input-lost", model.Stream(Stream1)!.LastGap!.Reason);
        Assert.Equal("no packets for 5 s", Assert.Single(model.Snapshot().Gaps).Detail);
    }

    [Fact]
    public void Crossings_MoreThanCapacity_KeepsTheNewest()
    {
        var model = Model(o => o.Crossings = 3);

        for (var i = 0; i < 10; i++)
        {
            model.Apply(new DomeCrossed(Crossing($"dome-{i}", CrossingDirection.Over, T0.AddSeconds(i))));
        }

        Assert.Equal(["dome-7", "dome-8", "dome-9"], model.Crossings().Select(c => c.Dome));
    }

    [Fact]
    public void Streams_MoreThanCapacity_ForgetsTheIdlest()
    {
        var model = Model(o => o.Streams = 2);
        model.Apply(new SegmentClosed(Segment(0, stream: new StreamId("a"))));
        _time.Advance(TimeSpan.FromSeconds(1));
        model.Apply(new SegmentClosed(Segment(0, stream: new StreamId("b"))));
        _time.Advance(TimeSpan.FromSeconds(1));
        model.Apply(new SegmentClosed(Segment(1, stream: new StreamId("a"))));
        _time.Advance(TimeSpan.FromSeconds(1));

        model.Apply(new SegmentClosed(Segment(0, stream: new StreamId("c"))));

        Assert.Equal(["a", "c"], model.Streams(liveOnly: false).Select(s => s.Id).Order());
    }

    [Fact]
    public async Task Apply_FromManyThreadsAtOnce_LosesNothingAndStaysBounded()
    {
        var model = Model(o => o.TrackPoints = 100);
        const int PerThread = 2_000;

        await Task.WhenAll(Enumerable.Range(1, 4).Select(v => Task.Run(() =>
        {
            var vehicle = VehicleId.Autopilot((byte)v);
            var stream = StreamId.ForVehicleCamera((byte)v);
            for (var i = 0; i < PerThread; i++)
            {
                model.Apply(new TelemetryReceived(Telemetry(T0.AddMilliseconds(i * 100), 51.5, -0.1 + (i * 1e-6), vehicle)));
                if (i % 10 == 0)
                {
                    model.Apply(new SegmentClosed(Segment(i / 10, stream: stream)));
                    _ = model.Snapshot();
                }
            }
        })));

        var snapshot = model.Snapshot();
        Assert.Equal(4, snapshot.Vehicles.Count);
        Assert.All(snapshot.Vehicles, v => Assert.Equal(100, v.Track!.Count));
        Assert.All(snapshot.Vehicles, v => Assert.Equal(T0.AddMilliseconds((PerThread - 1) * 100), v.Position!.Time));
        Assert.All(snapshot.Streams, s => Assert.Equal(PerThread / 10, s.SegmentsClosed));
    }

    [Fact]
    public async Task Apply_WithASubscriber_PushesEachChangeToTheFeed()
    {
        var feed = new LiveFeed();
        var model = Model(feed: feed);
        using var subscription = feed.Subscribe(64);

        model.Apply(new VehicleConnected(Vehicle1, T0, "tcp:127.0.0.1:5760", Regained: false));
        model.Apply(new TelemetryReceived(Telemetry(T0, 51.5, -0.1)));
        model.Apply(new DomeCrossed(Crossing("dome-harbour", CrossingDirection.Enter, T0)));
        model.Apply(new SegmentClosed(Segment(0)));

        var events = new List<string>();
        while (events.Count < 4 && await subscription.Reader.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
        {
            while (subscription.Reader.TryRead(out var update))
            {
                events.Add(update.Event);
                Assert.Equal("1/1", update.Vehicle);
            }
        }
        Assert.Equal(["vehicle", "position", "crossing", "stream"], events);
    }

    private static string FlightIdOf(VehicleId vehicle) => Core.Flights.FlightId.Armed(vehicle, T0).Value;
}
