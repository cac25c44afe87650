using RafeCast.Core.Domes;
using RafeCast.Geo.Geodesy;

namespace RafeCast.Geo.Domes.Internal;

/// <summary>
/// A dome footprint prepared for fast, allocation-free queries: every ring edge in one flat array
/// (x = longitude, y = latitude, degrees) and a latitude-band index, so a point-in-polygon test looks at
/// the few edges of one band instead of all of them (the idea of NTS's IndexedPointInAreaLocator,
/// without its per-query allocations).
/// </summary>
/// <remarks>
/// Containment is even-odd ray crossing over all rings, which for valid polygons (holes inside their
/// shell, polygons of a MultiPolygon disjoint) is "inside a shell and not inside its holes". An edge
/// counts when one end is above the point and the other is not, so every point of the plane gets one
/// consistent answer, points exactly on the boundary included.
/// </remarks>
internal sealed class PreparedFootprint
{
    private const int MaxBands = 256;

    // x0, y0, x1, y1 per edge.
    private readonly double[] _edges;
    private readonly int _edgeCount;
    private readonly double _bandOrigin;
    private readonly double _bandHeight;
    private readonly int _bandCount;
    // Compressed rows: the edges of band b are _bandEdges[_bandStart[b] .. _bandStart[b + 1]).
    private readonly int[] _bandStart;
    private readonly int[] _bandEdges;

    public PreparedFootprint(IReadOnlyList<DomePolygon> boundary)
    {
        var edges = new List<double>();
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var polygon in boundary)
        {
            foreach (var ring in polygon.Holes.Prepend(polygon.Outer))
            {
                for (var i = 0; i + 1 < ring.Count; i++)
                {
                    var a = ring[i];
                    var b = ring[i + 1];
                    if (a == b)
                    {
                        continue; // a repeated position is not an edge
                    }
                    edges.Add(a.Longitude);
                    edges.Add(a.Latitude);
                    edges.Add(b.Longitude);
                    edges.Add(b.Latitude);
                }
                foreach (var point in ring)
                {
                    minX = Math.Min(minX, point.Longitude);
                    maxX = Math.Max(maxX, point.Longitude);
                    minY = Math.Min(minY, point.Latitude);
                    maxY = Math.Max(maxY, point.Latitude);
                }
            }
        }
        _edges = [.. edges];
        _edgeCount = _edges.Length / 4;
        MinX = minX;
        MinY = minY;
        MaxX = maxX;
        MaxY = maxY;

        _bandCount = Math.Clamp(_edgeCount / 4, 1, MaxBands);
        _bandOrigin = minY;
        _bandHeight = Math.Max((maxY - minY) / _bandCount, double.Epsilon);
        var counts = new int[_bandCount + 1];
        for (var e = 0; e < _edgeCount; e++)
        {
            var (low, high) = BandsOf(e);
            for (var b = low; b <= high; b++)
            {
                counts[b + 1]++;
            }
        }
        for (var b = 0; b < _bandCount; b++)
        {
            counts[b + 1] += counts[b];
        }
        _bandStart = counts;
        _bandEdges = new int[counts[_bandCount]];
        var fill = (int[])counts.Clone();
        for (var e = 0; e < _edgeCount; e++)
        {
            var (low, high) = BandsOf(e);
            for (var b = low; b <= high; b++)
            {
                _bandEdges[fill[b]++] = e;
            }
        }
        AreaSquareMetres = ComputeArea(boundary);
    }

    public double MinX { get; }
    public double MinY { get; }
    public double MaxX { get; }
    public double MaxY { get; }

    public int EdgeCount => _edgeCount;

    /// <summary>Footprint area in square metres, in a local projection at the footprint's centre.</summary>
    public double AreaSquareMetres { get; }

    /// <summary>True when (x = longitude, y = latitude) lies inside the footprint.</summary>
    public bool Contains(double x, double y)
    {
        if (x < MinX || x > MaxX || y < MinY || y > MaxY)
        {
            return false;
        }
        var band = Band(y);
        var inside = false;
        var edges = _edges;
        for (var i = _bandStart[band]; i < _bandStart[band + 1]; i++)
        {
            var e = _bandEdges[i] * 4;
            double x0 = edges[e], y0 = edges[e + 1], x1 = edges[e + 2], y1 = edges[e + 3];
            if ((y0 > y) != (y1 > y) && x < x0 + ((y - y0) * (x1 - x0) / (y1 - y0)))
            {
                inside = !inside;
            }
        }
        return inside;
    }

    /// <summary>
    /// Squared distance in metres from (x, y) to the nearest edge, measured in a local projection at the
    /// point (<paramref name="metresPerDegreeX"/>, <paramref name="metresPerDegreeY"/>); also the nearest point.
    /// </summary>
    public double DistanceSquaredToBoundary(double x, double y, double metresPerDegreeX, double metresPerDegreeY, out double nearestX, out double nearestY)
    {
        var best = double.MaxValue;
        nearestX = x;
        nearestY = y;
        var edges = _edges;
        for (var e = 0; e < edges.Length; e += 4)
        {
            var ax = LocalProjection.WrapLongitudeDelta(edges[e] - x) * metresPerDegreeX;
            var ay = (edges[e + 1] - y) * metresPerDegreeY;
            var bx = LocalProjection.WrapLongitudeDelta(edges[e + 2] - x) * metresPerDegreeX;
            var by = (edges[e + 3] - y) * metresPerDegreeY;
            var dx = bx - ax;
            var dy = by - ay;
            var lengthSquared = (dx * dx) + (dy * dy);
            var t = lengthSquared > 0 ? Math.Clamp(-((ax * dx) + (ay * dy)) / lengthSquared, 0, 1) : 0;
            var px = ax + (t * dx);
            var py = ay + (t * dy);
            var d = (px * px) + (py * py);
            if (d < best)
            {
                best = d;
                nearestX = edges[e] + (t * (edges[e + 2] - edges[e]));
                nearestY = edges[e + 1] + (t * (edges[e + 3] - edges[e + 1]));
            }
        }
        return best;
    }

    /// <summary>
    /// Adds to <paramref name="fractions"/> every fraction t in [0, 1] at which the segment
    /// (ax, ay) → (bx, by) meets an edge (both ends of a collinear overlap).
    /// </summary>
    public void AddBoundaryCrossings(double ax, double ay, double bx, double by, List<double> fractions)
    {
        const double slack = 1e-9; // keeps a path through a vertex from slipping between its two edges
        double rx = bx - ax, ry = by - ay;
        double segMinX = Math.Min(ax, bx), segMaxX = Math.Max(ax, bx), segMinY = Math.Min(ay, by), segMaxY = Math.Max(ay, by);
        var edges = _edges;
        for (var e = 0; e < edges.Length; e += 4)
        {
            double cx = edges[e], cy = edges[e + 1], dx = edges[e + 2], dy = edges[e + 3];
            if (Math.Max(cx, dx) < segMinX || Math.Min(cx, dx) > segMaxX || Math.Max(cy, dy) < segMinY || Math.Min(cy, dy) > segMaxY)
            {
                continue;
            }
            double sx = dx - cx, sy = dy - cy;
            var denominator = (rx * sy) - (ry * sx);
            double qx = cx - ax, qy = cy - ay;
            var scale = Math.Sqrt(((rx * rx) + (ry * ry)) * ((sx * sx) + (sy * sy)));
            if (Math.Abs(denominator) <= 1e-15 * scale)
            {
                // Parallel; when collinear, the overlap's ends are where the state may change.
                if (Math.Abs((qx * ry) - (qy * rx)) > 1e-15 * scale || scale == 0)
                {
                    continue;
                }
                var lengthSquared = (rx * rx) + (ry * ry);
                AddIfInside(((qx * rx) + (qy * ry)) / lengthSquared, fractions);
                AddIfInside((((dx - ax) * rx) + ((dy - ay) * ry)) / lengthSquared, fractions);
                continue;
            }
            var t = ((qx * sy) - (qy * sx)) / denominator;
            var u = ((qx * ry) - (qy * rx)) / denominator;
            if (t >= -slack && t <= 1 + slack && u >= -slack && u <= 1 + slack)
            {
                fractions.Add(Math.Clamp(t, 0, 1));
            }
        }
    }

    private static void AddIfInside(double t, List<double> fractions)
    {
        if (t is >= 0 and <= 1)
        {
            fractions.Add(t);
        }
    }

    private int Band(double y) => Math.Clamp((int)((y - _bandOrigin) / _bandHeight), 0, _bandCount - 1);

    private (int Low, int High) BandsOf(int edge)
    {
        var y0 = _edges[(edge * 4) + 1];
        var y1 = _edges[(edge * 4) + 3];
        return (Band(Math.Min(y0, y1)), Band(Math.Max(y0, y1)));
    }

    private double ComputeArea(IReadOnlyList<DomePolygon> boundary)
    {
        var projection = new LocalProjection(new((MinY + MaxY) / 2, (MinX + MaxX) / 2));
        var area = 0.0;
        foreach (var polygon in boundary)
        {
            area += Math.Abs(RingArea(polygon.Outer, projection));
            foreach (var hole in polygon.Holes)
            {
                area -= Math.Abs(RingArea(hole, projection));
            }
        }
        return area;
    }

    private static double RingArea(IReadOnlyList<Core.Geodesy.GeoPoint> ring, LocalProjection projection)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++)
        {
            var (x0, y0) = projection.Project(ring[i]);
            var (x1, y1) = projection.Project(ring[i + 1]);
            sum += (x0 * y1) - (x1 * y0);
        }
        return sum / 2;
    }
}
