using RafeCast.Core.Geodesy;
using RafeCast.Core.Telemetry;
using RafeCast.Geo.Tracks;

namespace RafeCast.Geo.Tests.Tracks;

public sealed class TrackSnapshotTests
{
    private static readonly TestWorld World = TestWorld.Canberra;
    private static readonly DateTimeOffset T0 = TestWorld.T0;
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(1);

    [Fact]
    public void PositionAt_BetweenSamples_InterpolatesPositionAltitudeAndHeading()
    {
        var track = new TrackSnapshot([World.Sample(T0, 0, 0, 10, heading: 350), World.Sample(T0.AddSeconds(1), 10, 0, 20, heading: 10)], Gap, Hold);

        var position = track.PositionAt(T0.AddMilliseconds(250))!.Value;

        var (east, north) = World.Projection.Project(position.Position.Point);
        Assert.Equal(2.5, east, 1e-6);
        Assert.Equal(0, north, 1e-6);
        Assert.Equal(12.5, position.Position.AltitudeRelative, 1e-9);
        Assert.Equal(355, position.HeadingDegrees!.Value, 1e-9);
    }

    [Fact]
    public void PositionAt_InsideATelemetryGap_IsUnknownBeyondTheHold()
    {
        var track = new TrackSnapshot([World.Sample(T0, 0, 0, 10), World.Sample(T0.AddSeconds(10), 100, 0, 10)], Gap, Hold);

        Assert.Null(track.PositionAt(T0.AddSeconds(5)));
        Assert.Null(track.PositionAt(T0.AddSeconds(1.001)));
        Assert.Equal(track.Samples[0].Position, track.PositionAt(T0.AddSeconds(0.9))!.Value.Position);
        Assert.Equal(track.Samples[1].Position, track.PositionAt(T0.AddSeconds(9.5))!.Value.Position);
        Assert.Equal([new TrackGap(T0, T0.AddSeconds(10))], track.Gaps());
        Assert.Equal(2, track.Runs().Count);
    }

    [Fact]
    public void PositionAt_BeforeAndAfterTheTrack_HoldsOnlyBriefly()
    {
        var track = new TrackSnapshot([World.Sample(T0, 0, 0, 10), World.Sample(T0.AddSeconds(1), 10, 0, 10)], Gap, Hold);

        Assert.NotNull(track.PositionAt(T0.AddSeconds(-1)));
        Assert.Null(track.PositionAt(T0.AddSeconds(-1.5)));
        Assert.NotNull(track.PositionAt(T0.AddSeconds(2)));
        Assert.Null(track.PositionAt(T0.AddSeconds(2.5)));
        Assert.Null(new TrackSnapshot([], Gap, Hold).PositionAt(T0));
    }

    [Fact]
    public void Covers_WindowOverlappingTheUnknownPartOfAGap_IsFalse()
    {
        var track = new TrackSnapshot([World.Sample(T0, 0, 0, 10), World.Sample(T0.AddSeconds(1), 0, 0, 10), World.Sample(T0.AddSeconds(8), 0, 0, 10), World.Sample(T0.AddSeconds(9), 0, 0, 10)], Gap, Hold);

        Assert.True(track.Covers(T0, T0.AddSeconds(1.9)));
        Assert.False(track.Covers(T0, T0.AddSeconds(2.5)));
        Assert.False(track.Covers(T0.AddSeconds(3), T0.AddSeconds(5)));
        Assert.True(track.Covers(T0.AddSeconds(7.1), T0.AddSeconds(9)));
    }

    [Fact]
    public void Constructor_UnsortedDuplicateAndInvalidSamples_AreSortedAndDropped()
    {
        var bad = World.Sample(T0.AddSeconds(3), 0, 0, 10) with { Position = new GeoPosition(double.NaN, 149, 0, 0) };
        var track = new TrackSnapshot([World.Sample(T0.AddSeconds(2), 0, 0, 10), World.Sample(T0, 0, 0, 10), World.Sample(T0, 5, 5, 10), bad], Gap, Hold);

        Assert.Equal([T0, T0.AddSeconds(2)], track.Samples.Select(s => s.TimeUtc));
    }

    [Fact]
    public void FlightTrack_OutOfOrderSamples_AreInsertedInTimeOrder()
    {
        var track = new FlightTrack(TestWorld.Vehicle);

        Assert.Equal(TrackAddResult.Appended, track.Add(World.Sample(T0, 0, 0, 10)));
        Assert.Equal(TrackAddResult.Appended, track.Add(World.Sample(T0.AddSeconds(2), 0, 0, 10)));
        Assert.Equal(TrackAddResult.Inserted, track.Add(World.Sample(T0.AddSeconds(1), 0, 0, 10)));
        Assert.Equal(TrackAddResult.Duplicate, track.Add(World.Sample(T0.AddSeconds(1), 9, 9, 10)));
        Assert.Equal(TrackAddResult.WrongVehicle, track.Add(World.Sample(T0.AddSeconds(3), 0, 0, 10) with { Vehicle = new(2, 1) }));

        Assert.Equal([T0, T0.AddSeconds(1), T0.AddSeconds(2)], track.Snapshot().Samples.Select(s => s.TimeUtc));
    }

    [Fact]
    public void FlightTrack_WindowSnapshot_KeepsOneSampleEachSideAndAnswersLikeTheWholeTrack()
    {
        var track = new FlightTrack(TestWorld.Vehicle);
        foreach (var sample in World.StraightFlight(0, 0, 90, 10, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250)))
        {
            track.Add(sample);
        }
        var whole = track.Snapshot();

        var window = track.Snapshot(T0.AddSeconds(10.1), T0.AddSeconds(12.1));

        Assert.Equal(T0.AddSeconds(10), window.FirstTimeUtc);
        Assert.Equal(T0.AddSeconds(12.25), window.LastTimeUtc);
        for (var t = 10.1; t <= 12.1; t += 0.05)
        {
            Assert.Equal(whole.PositionAt(T0.AddSeconds(t)), window.PositionAt(T0.AddSeconds(t)));
        }
    }

    [Fact]
    public void FlightTrack_LongFlight_IsTrimmedToTheRetention()
    {
        var track = new FlightTrack(TestWorld.Vehicle, new GeoOptions { TrackRetention = TimeSpan.FromMinutes(5) });

        for (var i = 0; i < 20 * 60 * 4; i++)
        {
            track.Add(World.Sample(T0.AddSeconds(i * 0.25), 0, 0, 10));
        }

        var snapshot = track.Snapshot();
        Assert.InRange(snapshot.LastTimeUtc!.Value - snapshot.FirstTimeUtc!.Value, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6.1));
    }

    [Fact]
    public void HeadingFallback_NoHeading_UsesYaw()
    {
        var sample = World.Sample(T0, 0, 0, 10) with { Attitude = new Attitude(0, 0, -Math.PI / 2) };

        var position = new TrackSnapshot([sample], Gap, Hold).PositionAt(T0)!.Value;

        Assert.Equal(270, position.HeadingDegrees!.Value, 1e-9);
    }
}
