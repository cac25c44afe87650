using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Tagging;
using RafeCast.Core.Video;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Geodesy;
using RafeCast.Geo.Tagging;
using RafeCast.Geo.Tracks;

namespace RafeCast.Geo.Tests.Tagging;

public sealed class SegmentTaggerTests
{
    private static readonly TestWorld World = TestWorld.Canberra;
    private static readonly DateTimeOffset T0 = TestWorld.T0;
    private static readonly TimeSpan FourHertz = TimeSpan.FromMilliseconds(250);

    private static readonly DomeRegistry Registry = DomeRegistry.Create(
    [
        World.Circle("dome-big", 0, 0, 300),
        World.Circle("dome-small", 150, 0, 100),
    ]);

    // East-bound at 10 m/s from 400 m west: big dome 10 s → 70 s, small dome 45 s → 65 s.
    private static TrackSnapshot EastBound(double altitudeFrom = 30, double? altitudeTo = null) =>
        new(World.StraightFlight(-400, 0, 90, 10, TimeSpan.FromSeconds(80), FourHertz, altitudeFrom, altitudeTo), new GeoOptions());

    private static SegmentTags Tag(TrackSnapshot track, double fromSeconds, double toSeconds) =>
        new SegmentTagger(Registry).Tag(track, T0.AddSeconds(fromSeconds), T0.AddSeconds(toSeconds));

    [Fact]
    public void Tag_WindowOutsideEveryDome_IsOutside()
    {
        var tags = Tag(EastBound(), 2, 4);

        Assert.Equal(SegmentClassification.Outside, tags.Classification);
        Assert.False(tags.Stale);
        Assert.Empty(tags.DomesAtStart);
        Assert.Empty(tags.Crossings);
    }

    [Fact]
    public void Tag_WindowInsideOneDome_IsInsideThatDome()
    {
        var tags = Tag(EastBound(), 20, 22);

        Assert.Equal(SegmentClassification.InsideDome("dome-big"), tags.Classification);
        Assert.Equal(["dome-big"], tags.DomesAtStart);
        Assert.Equal(["dome-big"], tags.DomesAtEnd);
    }

    [Fact]
    public void Tag_WindowInsideOverlappingDomes_IsInsideTheInnermost()
    {
        var tags = Tag(EastBound(), 50, 52);

        Assert.Equal("inside:dome-small", tags.Classification.ToString());
        Assert.Equal(["dome-small", "dome-big"], tags.DomesAtStart);
    }

    [Fact]
    public void Tag_WindowWithACrossing_IsCrossingAndListsIt()
    {
        var tags = Tag(EastBound(), 44, 46);

        Assert.Equal(SegmentClassification.Crossing, tags.Classification);
        var crossing = Assert.Single(tags.Crossings);
        Assert.Equal(("dome-small", CrossingDirection.Enter), (crossing.DomeId, crossing.Direction));
        Assert.Equal(["dome-big"], tags.DomesAtStart);
        Assert.Equal(["dome-small", "dome-big"], tags.DomesAtEnd);
    }

    [Fact]
    public void Tag_CrossingExactlyAtTheWindowEnd_BelongsToTheNextWindow()
    {
        var track = EastBound();
        var tagger = new SegmentTagger(Registry);
        var crossing = tagger.Tag(track, T0.AddSeconds(44), T0.AddSeconds(46)).Crossings.Single().TimeUtc;

        Assert.Equal(SegmentClassification.InsideDome("dome-big"), tagger.Tag(track, crossing.AddSeconds(-2), crossing).Classification);
        Assert.Equal(SegmentClassification.Crossing, tagger.Tag(track, crossing, crossing.AddSeconds(2)).Classification);
    }

    [Fact]
    public void Tag_Window_FillsEveryField()
    {
        var tags = Tag(EastBound(altitudeFrom: 20, altitudeTo: 60), 20.1, 22.1);

        var (startEast, startNorth) = World.Projection.Project(tags.StartPosition!.Value.Point);
        var (endEast, _) = World.Projection.Project(tags.EndPosition!.Value.Point);
        var (centroidEast, _) = World.Projection.Project(tags.Centroid!.Value.Point);
        Assert.Equal(-199, startEast, 0.01);
        Assert.Equal(0, startNorth, 0.01);
        Assert.Equal(-179, endEast, 0.01);
        Assert.Equal(-189, centroidEast, 0.01);
        // Start, the 8 samples at 20.25 .. 22.0 s, end.
        Assert.Equal(10, tags.Track.Count);
        Assert.Equal(tags.StartPosition, tags.Track[0]);
        Assert.Equal(tags.EndPosition, tags.Track[^1]);
        var box = tags.BoundingBox!.Value;
        Assert.Equal(tags.Track.Min(p => p.Longitude), box.MinLongitude);
        Assert.Equal(tags.Track.Max(p => p.Longitude), box.MaxLongitude);
        Assert.Equal(tags.Track.Max(p => p.Latitude), box.MaxLatitude);
        Assert.Equal(20 + (40 * 20.1 / 80), tags.MinAltitudeRelative!.Value, 1e-6);
        Assert.Equal(20 + (40 * 22.1 / 80), tags.MaxAltitudeRelative!.Value, 1e-6);
        Assert.Equal(90, tags.HeadingAtStartDegrees!.Value, 1e-9);
        // 199 m from the big dome's centre: 101 m to its edge, 249 m to the small one's.
        Assert.Equal(101, tags.DistanceToNearestBoundaryMetres!.Value, 0.5);
        var start = tags.StartPosition.Value;
        Assert.Equal(Geohash.Encode(start.Latitude, start.Longitude, 5), tags.Geohash5);
        Assert.Equal(Geohash.Encode(start.Latitude, start.Longitude, 7), tags.Geohash7);
        Assert.StartsWith(tags.Geohash5!, tags.Geohash7, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_SegmentsInsideATelemetryGap_AreUnknownAndStale()
    {
        // Telemetry for 0-20 s and 40-60 s; 20-40 s is lost.
        var samples = World.StraightFlight(-400, 0, 90, 10, TimeSpan.FromSeconds(60), FourHertz)
            .Where(s => s.TimeUtc <= T0.AddSeconds(20) || s.TimeUtc >= T0.AddSeconds(40));
        var track = new TrackSnapshot(samples, new GeoOptions());
        var tagger = new SegmentTagger(Registry);

        var tags = Enumerable.Range(0, 30).Select(i => tagger.Tag(track, T0.AddSeconds(i * 2), T0.AddSeconds((i * 2) + 2))).ToList();

        for (var i = 0; i < 30; i++)
        {
            var expectUnknown = i is >= 10 and < 20;
            Assert.True(expectUnknown == (tags[i].Classification == SegmentClassification.Unknown), $"segment {i} ({i * 2} s) is {tags[i].Classification}");
            Assert.Equal(expectUnknown, tags[i].Stale);
        }
        // Deep inside the gap nothing is known at all; next to its edges the known part is still reported.
        Assert.Same(SegmentTags.UnknownPosition, tags[14]);
        Assert.NotNull(tags[10].StartPosition);
        Assert.Null(tags[10].EndPosition);
        Assert.Null(tags[19].StartPosition);
        Assert.NotNull(tags[19].EndPosition);
        Assert.Equal(SegmentClassification.InsideDome("dome-big"), tags[9].Classification);
    }

    [Fact]
    public void Tag_NoTelemetryAtAll_IsUnknown()
    {
        var tags = new SegmentTagger(Registry).Tag(new TrackSnapshot([], new GeoOptions()), T0, T0.AddSeconds(2));

        Assert.Equal(SegmentClassification.Unknown, tags.Classification);
        Assert.True(tags.Stale);
    }

    [Fact]
    public void Tag_VideoSegment_UsesItsWindowAndFlight()
    {
        var segment = new VideoSegment(StreamId.ForVehicleCamera(1), "720p", 22, T0.AddSeconds(44), TimeSpan.FromSeconds(2), "/spool/seg22.ts", 1000, "00");
        var flight = FlightId.Armed(TestWorld.Vehicle, T0);

        var tags = new SegmentTagger(Registry).Tag(segment, EastBound(), flight);

        var crossing = Assert.Single(tags.Crossings);
        Assert.Equal(flight, crossing.Flight);
        Assert.Equal(TestWorld.Vehicle, crossing.Vehicle);
    }

    [Fact]
    public void Tag_LiveTrackWindowSnapshot_TagsLikeTheWholeTrack()
    {
        var live = new FlightTrack(TestWorld.Vehicle);
        foreach (var sample in World.StraightFlight(-400, 0, 90, 10, TimeSpan.FromSeconds(80), FourHertz))
        {
            live.Add(sample);
        }
        var tagger = new SegmentTagger(Registry);
        var whole = live.Snapshot();

        for (var start = 0.0; start < 78; start += 2)
        {
            var from = T0.AddSeconds(start);
            var to = from.AddSeconds(2);
            var expected = tagger.Tag(whole, from, to);
            var actual = tagger.Tag(live.Snapshot(from, to), from, to);
            Assert.Equal(expected.Classification, actual.Classification);
            Assert.Equal(expected.Crossings, actual.Crossings);
            Assert.Equal(expected.Track, actual.Track);
        }
    }
}
