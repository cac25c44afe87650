using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using RafeCast.Core.Geodesy;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Domes.Internal;

namespace RafeCast.Benchmarks.Geo;

/// <summary>
/// Sample classification (which domes contain a position, with ceilings and validity) against 10, 1,000
/// and 100,000 domes. <see cref="BruteForceScan"/> is the baseline: every dome's envelope, then the
/// footprint test. <see cref="NtsQueryAndPreparedContains"/> is the textbook NetTopologySuite way
/// (STRtree.Query + IPreparedGeometry.Contains on a Point) for comparison. Each operation is one position;
/// random positions over the whole registry, except <see cref="RegistryLocateAlongTrack"/>.
/// </summary>
[MemoryDiagnoser]
public class DomeClassificationBenchmarks
{
    private const int Positions = 4096;
    private const int BrutePositions = 256;

    private DomeRegistry _registry = DomeRegistry.Empty;
    private GeoPosition[] _positions = [];
    private GeoPosition[] _track = [];
    private PreparedFootprint[] _footprints = [];
    private STRtree<IPreparedGeometry> _ntsTree = new();
    private readonly DomeHit[] _hits = new DomeHit[64];

    [Params(10, 1_000, 100_000)]
    public int Domes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var domes = GeoBenchmarkWorld.Domes(Domes);
        _registry = DomeRegistry.Create(domes);
        _positions = GeoBenchmarkWorld.Positions(Domes, Positions);
        _track = GeoBenchmarkWorld.Track(Domes, Positions);
        _footprints = [.. domes.Select(d => new PreparedFootprint(d.Boundary))];
        _ntsTree = new STRtree<IPreparedGeometry>();
        foreach (var dome in domes)
        {
            var geometry = DomeGeometryValidator.ToGeometry(dome.Boundary);
            _ntsTree.Insert(geometry.EnvelopeInternal, PreparedGeometryFactory.Prepare(geometry));
        }
        _ntsTree.Build();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BrutePositions)]
    public int BruteForceScan()
    {
        var found = 0;
        for (var i = 0; i < BrutePositions; i++)
        {
            var p = _positions[i];
            foreach (var footprint in _footprints)
            {
                if (footprint.Contains(p.Longitude, p.Latitude))
                {
                    found++;
                }
            }
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = Positions)]
    public int RegistryLocate()
    {
        var found = 0;
        var hits = _hits.AsSpan();
        foreach (var p in _positions)
        {
            found += _registry.Locate(p, GeoBenchmarkWorld.T0, hits);
        }
        return found;
    }

    /// <summary>Positions in flight order (1.2 m apart, as 10 Hz telemetry at 12 m/s): what the live path sees.</summary>
    [Benchmark(OperationsPerInvoke = Positions)]
    public int RegistryLocateAlongTrack()
    {
        var found = 0;
        var hits = _hits.AsSpan();
        foreach (var p in _track)
        {
            found += _registry.Locate(p, GeoBenchmarkWorld.T0, hits);
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = Positions)]
    public int NtsQueryAndPreparedContains()
    {
        var found = 0;
        foreach (var p in _positions)
        {
            var point = new Point(p.Longitude, p.Latitude);
            foreach (var candidate in _ntsTree.Query(point.EnvelopeInternal))
            {
                if (candidate.Contains(point))
                {
                    found++;
                }
            }
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = BrutePositions)]
    public double NearestBoundary()
    {
        var sum = 0.0;
        for (var i = 0; i < BrutePositions; i++)
        {
            sum += _registry.NearestBoundary(_positions[i].Point, GeoBenchmarkWorld.T0)?.Metres ?? 0;
        }
        return sum;
    }
}
