using RafeCast.Core.Domes;
using RafeCast.Core.Geodesy;
using RafeCast.Geo.Crossings;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Tracks;

namespace RafeCast.Geo.Tests.Crossings;

/// <summary>
/// Straight flights at constant speed through domes of known shape at real coordinates: the crossing
/// times must be the analytic ones, within 50 ms.
/// </summary>
public sealed class CrossingTimeTests
{
    private static readonly DateTimeOffset T0 = TestWorld.T0;
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan FourHertz = TimeSpan.FromMilliseconds(250);

    private static TestWorld Place(string name) => name == "Tromso" ? TestWorld.Tromso : TestWorld.Canberra;

    private static IReadOnlyList<DomeCrossing> Detect(DomeRegistry registry, IEnumerable<Core.Telemetry.TelemetrySample> samples) =>
        new DomeCrossingDetector(registry, TimeSpan.FromSeconds(2)).Detect(new TrackSnapshot(samples, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));

    private static void AssertCrossing(DomeCrossing crossing, string dome, CrossingDirection direction, double expectedSeconds)
    {
        Assert.Equal(dome, crossing.DomeId);
        Assert.Equal(direction, crossing.Direction);
        var error = (crossing.TimeUtc - T0.AddSeconds(expectedSeconds)).Duration();
        Assert.True(error <= Tolerance, $"{direction} {dome} at {(crossing.TimeUtc - T0).TotalSeconds:F4} s, expected {expectedSeconds:F4} s");
    }

    /// <summary>Where a ray from (e0, n0) along a unit direction meets a circle: distances along the ray.</summary>
    private static (double Enter, double Exit) RayThroughCircle(double e0, double n0, double ue, double un, double ce, double cn, double r)
    {
        double pe = e0 - ce, pn = n0 - cn;
        var b = (pe * ue) + (pn * un);
        var c = (pe * pe) + (pn * pn) - (r * r);
        var root = Math.Sqrt((b * b) - c);
        return (-b - root, -b + root);
    }

    /// <summary>Slab method for an axis-aligned square of half side h centred at (ce, cn).</summary>
    private static (double Enter, double Exit) RayThroughSquare(double e0, double n0, double ue, double un, double ce, double cn, double h)
    {
        var (e1, e2) = (((ce - h) - e0) / ue, ((ce + h) - e0) / ue);
        var (n1, n2) = (((cn - h) - n0) / un, ((cn + h) - n0) / un);
        return (Math.Max(Math.Min(e1, e2), Math.Min(n1, n2)), Math.Min(Math.Max(e1, e2), Math.Max(n1, n2)));
    }

    [Theory]
    [InlineData("Canberra", 0.0, 90.0, 12.3)]
    [InlineData("Canberra", 80.0, 90.0, 7.0)]
    [InlineData("Canberra", -150.0, 63.0, 15.0)]
    [InlineData("Tromso", 40.0, 120.0, 9.5)]
    public void Detect_StraightFlightThroughACircularDome_CrossingTimesAreAnalytic(string place, double offsetNorth, double heading, double speed)
    {
        var world = Place(place);
        var registry = DomeRegistry.Create([world.Circle("dome-round", 0, 0, 200)]);
        double ue = Math.Sin(heading * Math.PI / 180), un = Math.Cos(heading * Math.PI / 180);
        // Start 400 m before the point of closest approach to the centre, offset sideways.
        double e0 = (-400 * ue) + (offsetNorth * un), n0 = (-400 * un) - (offsetNorth * ue);
        var flight = world.StraightFlight(e0, n0, heading, speed, TimeSpan.FromSeconds(800 / speed), FourHertz);

        var crossings = Detect(registry, flight);

        var (enter, exit) = RayThroughCircle(e0, n0, ue, un, 0, 0, 200);
        Assert.Equal(2, crossings.Count);
        AssertCrossing(crossings[0], "dome-round", CrossingDirection.Enter, enter / speed);
        AssertCrossing(crossings[1], "dome-round", CrossingDirection.Exit, exit / speed);
        var (east, north) = world.Projection.Project(crossings[0].Position.Point);
        Assert.Equal(200, Math.Sqrt((east * east) + (north * north)), 0.5);
    }

    [Theory]
    [InlineData("Canberra", 30.0)]
    [InlineData("Canberra", 90.0)]
    [InlineData("Tromso", 217.0)]
    public void Detect_StraightFlightThroughASquareDome_CrossingTimesAreAnalytic(string place, double heading)
    {
        var world = Place(place);
        var registry = DomeRegistry.Create([world.Square("dome-square", 20, -10, 300)]);
        double ue = Math.Sin(heading * Math.PI / 180), un = Math.Cos(heading * Math.PI / 180);
        double e0 = -500 * ue, n0 = -500 * un;
        const double speed = 11.0;
        var flight = world.StraightFlight(e0, n0, heading, speed, TimeSpan.FromSeconds(1000 / speed), TimeSpan.FromMilliseconds(200));

        var crossings = Detect(registry, flight);

        var (enter, exit) = RayThroughSquare(e0, n0, ue, un, 20, -10, 150);
        Assert.Equal(2, crossings.Count);
        AssertCrossing(crossings[0], "dome-square", CrossingDirection.Enter, enter / speed);
        AssertCrossing(crossings[1], "dome-square", CrossingDirection.Exit, exit / speed);
    }

    [Fact]
    public void Detect_SlowTelemetry_StillInterpolatesTheCrossingTime()
    {
        // One sample every 3 s with a 5 s gap threshold: the crossing falls between two samples 33 m apart.
        var world = TestWorld.Canberra;
        var registry = DomeRegistry.Create([world.Square("dome-square", 0, 0, 300)]);
        var flight = world.StraightFlight(-400, 0, 90, 11, TimeSpan.FromSeconds(72), TimeSpan.FromSeconds(3));

        var crossings = new DomeCrossingDetector(registry, TimeSpan.FromSeconds(5)).Detect(new TrackSnapshot(flight, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)));

        AssertCrossing(crossings[0], "dome-square", CrossingDirection.Enter, 250 / 11.0);
        AssertCrossing(crossings[1], "dome-square", CrossingDirection.Exit, 550 / 11.0);
    }

    [Fact]
    public void Detect_BelowTheCeiling_EntersAndExits()
    {
        var world = TestWorld.Canberra;
        var registry = DomeRegistry.Create([world.Square("dome-low", 0, 0, 200, height: 40)]);

        var crossings = Detect(registry, world.StraightFlight(-300, 0, 90, 10, TimeSpan.FromSeconds(60), FourHertz, altitudeFrom: 30));

        AssertCrossing(crossings[0], "dome-low", CrossingDirection.Enter, 20);
        AssertCrossing(crossings[1], "dome-low", CrossingDirection.Exit, 40);
    }

    [Fact]
    public void Detect_AboveTheCeiling_CrossesOverTwiceAndNeverEnters()
    {
        var world = TestWorld.Canberra;
        var registry = DomeRegistry.Create([world.Square("dome-low", 0, 0, 200, height: 40)]);

        var crossings = Detect(registry, world.StraightFlight(-300, 0, 90, 10, TimeSpan.FromSeconds(60), FourHertz, altitudeFrom: 55));

        Assert.Equal(2, crossings.Count);
        AssertCrossing(crossings[0], "dome-low", CrossingDirection.Over, 20);
        AssertCrossing(crossings[1], "dome-low", CrossingDirection.Over, 40);
    }

    [Fact]
    public void Detect_ClimbingThroughTheCeiling_ExitsWhenTheAltitudePassesIt()
    {
        var world = TestWorld.Canberra;
        var registry = DomeRegistry.Create([world.Square("dome-low", 0, 0, 300, height: 40)]);
        // East-bound at 10 m/s from 300 m west, climbing 20 → 50 m over 60 s (0.5 m/s): the wall is met at
        // 15 s (27.5 m), the ceiling passed at 40 s, the far wall crossed above the ceiling at 45 s.
        var flight = world.StraightFlight(-300, 0, 90, 10, TimeSpan.FromSeconds(60), FourHertz, altitudeFrom: 20, altitudeTo: 50);

        var crossings = Detect(registry, flight);

        Assert.Equal(3, crossings.Count);
        AssertCrossing(crossings[0], "dome-low", CrossingDirection.Enter, 15);
        AssertCrossing(crossings[1], "dome-low", CrossingDirection.Exit, 40);
        Assert.Equal(40, crossings[1].Position.AltitudeRelative, 0.01);
        AssertCrossing(crossings[2], "dome-low", CrossingDirection.Over, 45);
    }

    [Fact]
    public void Detect_DomeValidOnlyForPartOfTheFlight_EntersWhenItStartsAndExitsWhenItEnds()
    {
        var world = TestWorld.Canberra;
        var validity = new ValidityInterval(T0.AddSeconds(10.3), T0.AddSeconds(20.7));
        var registry = DomeRegistry.Create([world.Square("dome-rebuilt", 0, 0, 400, validity: validity)]);
        // A slow drift across the middle of the footprint; the footprint is never crossed.
        var flight = world.StraightFlight(-50, 0, 90, 2, TimeSpan.FromSeconds(30), FourHertz);

        var crossings = Detect(registry, flight);

        Assert.Equal(2, crossings.Count);
        AssertCrossing(crossings[0], "dome-rebuilt", CrossingDirection.Enter, 10.3);
        AssertCrossing(crossings[1], "dome-rebuilt", CrossingDirection.Exit, 20.7);
    }

    [Fact]
    public void Detect_OverlappingDomes_CrossesEachBoundaryInOrder()
    {
        var world = TestWorld.Canberra;
        var registry = DomeRegistry.Create([world.Circle("dome-big", 0, 0, 300), world.Circle("dome-small", 150, 0, 100)]);

        var crossings = Detect(registry, world.StraightFlight(-400, 0, 90, 10, TimeSpan.FromSeconds(80), FourHertz));

        Assert.Equal(4, crossings.Count);
        AssertCrossing(crossings[0], "dome-big", CrossingDirection.Enter, 10);
        AssertCrossing(crossings[1], "dome-small", CrossingDirection.Enter, 45);
        AssertCrossing(crossings[2], "dome-small", CrossingDirection.Exit, 65);
        AssertCrossing(crossings[3], "dome-big", CrossingDirection.Exit, 70);
    }

    [Fact]
    public void Detect_CornerClippedBetweenTwoSamples_FindsBothCrossings()
    {
        var world = TestWorld.Canberra;
        var registry = DomeRegistry.Create([world.Square("dome-square", 0, 0, 100)]);
        // Two samples 2 s apart whose straight line (20, 70) → (70, 20) clips the north-east corner (50, 50):
        // in through the north edge at (40, 50), out through the east edge at (50, 40).
        var samples = new[] { world.Sample(T0, 20, 70, 30), world.Sample(T0.AddSeconds(2), 70, 20, 30) };

        var crossings = Detect(registry, samples);

        Assert.Equal([CrossingDirection.Enter, CrossingDirection.Exit], crossings.Select(c => c.Direction));
        AssertCrossing(crossings[0], "dome-square", CrossingDirection.Enter, 0.8);
        AssertCrossing(crossings[1], "dome-square", CrossingDirection.Exit, 1.2);
    }

    [Fact]
    public void Detect_AcrossATelemetryGap_ReportsTheChangeWhenTelemetryResumes()
    {
        var world = TestWorld.Canberra;
        var registry = DomeRegistry.Create([world.Square("dome-square", 0, 0, 200)]);
        var before = world.StraightFlight(-300, 0, 90, 10, TimeSpan.FromSeconds(5), FourHertz);
        var after = world.StraightFlight(0, 0, 90, 10, TimeSpan.FromSeconds(5), FourHertz, start: T0.AddSeconds(25));

        var crossings = Detect(registry, before.Concat(after));

        var crossing = Assert.Single(crossings);
        Assert.Equal(CrossingDirection.Enter, crossing.Direction);
        Assert.Equal(T0.AddSeconds(25), crossing.TimeUtc);
        Assert.Equal(after[0].Position, crossing.Position);
    }

    [Fact]
    public void Classify_LiveSamples_PublishTheSameCrossingsAsTheWholeTrack()
    {
        var world = TestWorld.Canberra;
        var registry = DomeRegistry.Create([world.Circle("dome-big", 0, 0, 300), world.Circle("dome-small", 150, 0, 100, height: 35)]);
        var flight = world.StraightFlight(-400, 0, 90, 10, TimeSpan.FromSeconds(80), FourHertz, altitudeFrom: 20, altitudeTo: 50);
        var classifier = new SampleClassifier(registry);

        var live = flight.SelectMany(s => classifier.Classify(s).Crossings).ToList();

        Assert.Equal(Detect(registry, flight), live);
        Assert.NotEmpty(live);
    }

    [Fact]
    public void Classify_Sample_ReportsDomesAndDistance()
    {
        var world = TestWorld.Canberra;
        var registry = DomeRegistry.Create([world.Circle("dome-big", 0, 0, 300), world.Circle("dome-small", 150, 0, 100, height: 35)]);
        var classifier = new SampleClassifier(registry);

        var below = classifier.Classify(world.Sample(T0, 150, 0, 20));
        var above = classifier.Classify(world.Sample(T0.AddSeconds(1), 150, 0, 40));

        Assert.Equal(["dome-small", "dome-big"], below.InsideDomeIds);
        Assert.Equal(["dome-big"], above.InsideDomeIds);
        Assert.Equal(["dome-small"], above.AboveDomeIds);
        Assert.Equal(100, below.NearestBoundary!.Value.Metres, 0.5);
        Assert.Equal([CrossingDirection.Exit], above.Crossings.Select(c => c.Direction));
    }

    [Fact]
    public void Classify_OlderSample_GivesNoCrossings()
    {
        var world = TestWorld.Canberra;
        var registry = DomeRegistry.Create([world.Square("dome-square", 0, 0, 200)]);
        var classifier = new SampleClassifier(registry);
        classifier.Classify(world.Sample(T0.AddSeconds(1), 0, 0, 20));

        var late = classifier.Classify(world.Sample(T0, -300, 0, 20));

        Assert.Empty(late.Crossings);
        Assert.Empty(late.InsideDomeIds);
    }
}
