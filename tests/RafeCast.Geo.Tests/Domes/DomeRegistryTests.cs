using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using RafeCast.Core.Domes;
using RafeCast.Core.Geodesy;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Domes.Internal;
using RafeCast.Geo.Geodesy;

namespace RafeCast.Geo.Tests.Domes;

public sealed class DomeRegistryTests
{
    private static readonly TestWorld World = TestWorld.Canberra;
    private static readonly DateTimeOffset T0 = TestWorld.T0;

    private static GeoPosition At(double east, double north, double altitude = 30)
    {
        var p = World.At(east, north);
        return new GeoPosition(p.Latitude, p.Longitude, 580 + altitude, altitude);
    }

    [Fact]
    public void Locate_PointInsideAndOutsideASquare_FindsOnlyWhenInside()
    {
        var registry = DomeRegistry.Create([World.Square("dome-a", 0, 0, 200)]);
        Span<DomeHit> hits = stackalloc DomeHit[4];

        Assert.Equal(1, registry.Locate(At(99, -99), T0, hits));
        Assert.Equal(new DomeHit(0, DomePresence.Inside), hits[0]);
        Assert.Equal(0, registry.Locate(At(101, 0), T0, hits));
        Assert.Equal(0, registry.Locate(At(0, -101), T0, hits));
    }

    [Fact]
    public void Locate_AboveTheCeiling_IsAboveNotInside()
    {
        var registry = DomeRegistry.Create([World.Square("dome-low", 0, 0, 200, height: 40)]);

        Assert.Equal([new DomeHit(0, DomePresence.Inside)], registry.Hits(At(0, 0, 39.9), T0));
        Assert.Equal([new DomeHit(0, DomePresence.Above)], registry.Hits(At(0, 0, 40), T0));
        Assert.Empty(registry.DomesContaining(At(0, 0, 55), T0));
    }

    [Fact]
    public void Locate_OutsideTheValidityInterval_IsOutside()
    {
        var validity = new ValidityInterval(T0.AddMinutes(1), T0.AddMinutes(2));
        var registry = DomeRegistry.Create([World.Square("dome-new", 0, 0, 200, validity: validity)]);

        Assert.Empty(registry.Hits(At(0, 0), T0));
        Assert.Single(registry.Hits(At(0, 0), T0.AddMinutes(1)));
        Assert.Empty(registry.Hits(At(0, 0), T0.AddMinutes(2)));
    }

    [Fact]
    public void Hits_OverlappingDomes_ListsBothInnermostFirst()
    {
        var registry = DomeRegistry.Create([World.Circle("dome-big", 0, 0, 300), World.Circle("dome-small", 100, 0, 100)]);

        var hits = registry.DomesContaining(At(120, 10), T0);

        Assert.Equal(["dome-small", "dome-big"], hits.Select(d => d.Id));
        Assert.Equal(["dome-big"], registry.DomesContaining(At(-200, 0), T0).Select(d => d.Id));
    }

    [Fact]
    public void Locate_PolygonWithAHole_IsOutsideInTheHole()
    {
        var outer = new[] { World.At(-100, -100), World.At(100, -100), World.At(100, 100), World.At(-100, 100), World.At(-100, -100) };
        var hole = new[] { World.At(-20, -20), World.At(-20, 20), World.At(20, 20), World.At(20, -20), World.At(-20, -20) };
        var registry = DomeRegistry.Create([new Dome("dome-ring", "Ring", "biodome", [new DomePolygon(outer, [hole])], null, ValidityInterval.Always)]);

        Assert.Empty(registry.Hits(At(0, 0), T0));
        Assert.Single(registry.Hits(At(50, 0), T0));
    }

    [Fact]
    public void Contains_RandomPoints_AgreesWithNetTopologySuitePreparedGeometry()
    {
        // Our allocation-free prepared footprint against NTS's prepared polygon, on shapes with holes,
        // multipolygons and many vertices.
        var random = new Random(20261126);
        var domes = new List<Dome>
        {
            World.Circle("circle", 0, 0, 250, vertices: 97),
            DomeRegistryReader.Read(File.ReadAllText(SampleRegistries.DemoCityPath), "demo").Domes.Single(d => d.Boundary[0].Holes.Count > 0),
            DomeRegistryReader.Read(File.ReadAllText(SampleRegistries.DemoCityPath), "demo").Domes.Single(d => d.Boundary.Count > 1),
            World.Polygon("star", null, default, [.. Enumerable.Range(0, 14).Select(i => (Math.Cos(i * Math.PI / 7) * (i % 2 == 0 ? 300 : 120), Math.Sin(i * Math.PI / 7) * (i % 2 == 0 ? 300 : 120)))]),
        };
        foreach (var dome in domes)
        {
            var footprint = new PreparedFootprint(dome.Boundary);
            var prepared = PreparedGeometryFactory.Prepare(DomeGeometryValidator.ToGeometry(dome.Boundary));
            var envelope = prepared.Geometry.EnvelopeInternal;
            for (var i = 0; i < 5000; i++)
            {
                var x = envelope.MinX + ((random.NextDouble() * 1.2) - 0.1) * envelope.Width;
                var y = envelope.MinY + ((random.NextDouble() * 1.2) - 0.1) * envelope.Height;
                var expected = prepared.Contains(new Point(x, y));
                Assert.True(expected == footprint.Contains(x, y), $"{dome.Id}: ({x}, {y}) NTS says {expected}");
            }
        }
    }

    [Fact]
    public void Locate_ThousandDomes_AgreesWithBruteForce()
    {
        var random = new Random(7);
        var domes = Enumerable.Range(0, 1000).Select(i =>
            World.Circle($"d{i}", random.Next(-5000, 5000), random.Next(-5000, 5000), random.Next(50, 400), vertices: 24)).ToList();
        var registry = DomeRegistry.Create(domes);
        var footprints = domes.Select(d => new PreparedFootprint(d.Boundary)).ToArray();
        Span<DomeHit> hits = stackalloc DomeHit[64];
        for (var i = 0; i < 2000; i++)
        {
            var p = At(random.Next(-5500, 5500), random.Next(-5500, 5500));
            var count = registry.Locate(p, T0, hits);
            var found = hits[..count].ToArray().Select(h => h.DomeIndex).Order();
            var expected = Enumerable.Range(0, domes.Count).Where(d => footprints[d].Contains(p.Longitude, p.Latitude));
            Assert.Equal(expected, found);
        }
    }

    [Fact]
    public void Locate_SteadyState_AllocatesNothing()
    {
        var random = new Random(3);
        var registry = DomeRegistry.Create(Enumerable.Range(0, 500).Select(i =>
            World.Circle($"d{i}", random.Next(-3000, 3000), random.Next(-3000, 3000), 200, vertices: 32, height: i % 3 == 0 ? 50 : null)));
        var points = Enumerable.Range(0, 1000).Select(_ => At(random.Next(-3000, 3000), random.Next(-3000, 3000), random.Next(0, 100))).ToArray();
        Span<DomeHit> hits = stackalloc DomeHit[16];
        var total = 0;
        foreach (var p in points)
        {
            total += registry.Locate(p, T0, hits);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10; round++)
        {
            foreach (var p in points)
            {
                total += registry.Locate(p, T0, hits);
            }
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(total > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Locate_TooSmallDestination_ReturnsTheFullCount()
    {
        var registry = DomeRegistry.Create(Enumerable.Range(0, 5).Select(i => World.Circle($"d{i}", 0, 0, 100 + (i * 10))));
        Span<DomeHit> hits = stackalloc DomeHit[2];

        Assert.Equal(5, registry.Locate(At(0, 0), T0, hits));
        Assert.Equal(5, registry.Hits(At(0, 0), T0).Count);
    }

    [Theory]
    [InlineData(-35.363261, 149.165230)]
    [InlineData(69.6492, 18.9553)]
    [InlineData(0.5, -78.5)]
    public void NearestBoundary_PointOutsideASquare_IsTheAnalyticDistanceWithinHalfAPercent(double latitude, double longitude)
    {
        var world = new TestWorld(new GeoPoint(latitude, longitude));
        var registry = DomeRegistry.Create([world.Square("dome-a", 0, 0, 400)]);
        foreach (var (east, north, expected) in new[] { (450.0, 0.0, 250.0), (0.0, -1200.0, 1000.0), (-203.0, 50.0, 3.0), (0.0, 150.0, 50.0), (500.0, 500.0, Math.Sqrt(2) * 300) })
        {
            var point = world.At(east, north);

            var distance = registry.NearestBoundary(point, T0);

            Assert.NotNull(distance);
            Assert.Equal("dome-a", distance.Value.DomeId);
            Assert.InRange(distance.Value.Metres, expected * 0.995, expected * 1.005);
        }
    }

    [Fact]
    public void NearestBoundary_FarAway_IsGeodesic()
    {
        var registry = DomeRegistry.Create([World.Square("dome-a", 0, 0, 400)]);
        // 50 km due north of the dome's north edge: along a meridian the geodesic is the meridian arc.
        var edge = World.At(0, 200);
        var far = new GeoPoint(edge.Latitude + 0.45, edge.Longitude);

        var distance = registry.NearestBoundary(far, T0)!.Value;

        Assert.Equal(GeodesicDistance.Metres(far, edge), distance.Metres, 1.0);
    }

    [Fact]
    public void NearestBoundary_IgnoresDomesThatAreNotValid()
    {
        var gone = new ValidityInterval(null, T0);
        var registry = DomeRegistry.Create([World.Square("dome-gone", 0, 0, 100, validity: gone), World.Square("dome-far", 1000, 0, 100)]);

        Assert.Equal("dome-far", registry.NearestBoundary(World.At(0, 0), T0)!.Value.DomeId);
        Assert.Equal("dome-gone", registry.NearestBoundary(World.At(0, 0), T0.AddSeconds(-1))!.Value.DomeId);
        Assert.Null(DomeRegistry.Empty.NearestBoundary(World.At(0, 0), T0));
    }

    [Fact]
    public void NearestBoundary_ManyDomes_AgreesWithBruteForce()
    {
        var random = new Random(11);
        var domes = Enumerable.Range(0, 3000).Select(i =>
            World.Circle($"d{i}", random.Next(-20000, 20000), random.Next(-20000, 20000), random.Next(50, 300), vertices: 16)).ToList();
        var registry = DomeRegistry.Create(domes);
        var footprints = domes.Select(d => new PreparedFootprint(d.Boundary)).ToArray();
        for (var i = 0; i < 200; i++)
        {
            var point = World.At(random.Next(-22000, 22000), random.Next(-22000, 22000));
            var kx = Wgs84.MetresPerDegreeLongitude(point.Latitude);
            var ky = Wgs84.MetresPerDegreeLatitude(point.Latitude);
            var expected = footprints.Select(f => f.DistanceSquaredToBoundary(point.Longitude, point.Latitude, kx, ky, out _, out _)).Min();

            var found = registry.NearestBoundary(point, T0)!.Value;

            Assert.Equal(Math.Sqrt(expected), found.Metres, Math.Sqrt(expected) * 0.001);
        }
    }

    [Fact]
    public void AreaSquareMetres_SquareDome_IsItsSideSquared()
    {
        var registry = DomeRegistry.Create([World.Square("dome-a", 0, 0, 400)]);

        Assert.Equal(160_000, registry.AreaSquareMetres(0), 160_000 * 0.001);
    }

    [Fact]
    public void DemoCityRegistry_HasTheDomesTheDemoNeeds()
    {
        var registry = DomeRegistryReader.Load(SampleRegistries.DemoCityPath);

        Assert.InRange(registry.Count, 5, 8);
        Assert.Contains(registry.Domes, d => d.HeightMetres is not null);
        Assert.Contains(registry.Domes, d => d.Validity.From is not null && d.Validity.To is not null);
        Assert.Contains(registry.Domes, d => d.Boundary.Count > 1);
        var geometries = registry.Domes.Select(d => DomeGeometryValidator.ToGeometry(d.Boundary)).ToList();
        var overlapping = geometries.SelectMany((g, i) => geometries.Skip(i + 1).Where(o => g.Intersects(o))).Count();
        Assert.True(overlapping >= 1, "two domes of the demo city should overlap");
        foreach (var dome in registry.Domes)
        {
            var index = registry.IndexOf(dome.Id);
            var across = Math.Sqrt(registry.AreaSquareMetres(index));
            Assert.InRange(across, 100, 700);
            // Every dome is within 2 km of SITL's home.
            var distance = GeodesicDistance.Metres(World.Projection.Origin, dome.Boundary[0].Outer[0]);
            Assert.InRange(distance, 0, 2000);
        }
    }
}
