using System.Globalization;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using RafeCast.Core.Domes;
using RafeCast.Core.Geodesy;

namespace RafeCast.Geo.Domes.Internal;

/// <summary>A problem of one dome's geometry, before it is attached to a feature.</summary>
internal readonly record struct GeometryProblem(DomeRegistryProblemKind Kind, string Message, string Where);

/// <summary>
/// Names where in a dome's boundary a problem is: polygon index (null = the whole footprint), ring index
/// (0 = outer; null = the whole polygon) and, when the problem is one position, its index. The GeoJSON
/// reader answers with JSON paths.
/// </summary>
internal delegate string BoundaryLocator(int? polygon, int? ring, int? position);

/// <summary>
/// Checks a dome's footprint: ring sizes and closure, coordinate ranges (and the tell-tale of
/// [lat, lon] order), the antimeridian, then polygon topology with NetTopologySuite's IsValidOp.
/// </summary>
internal static class DomeGeometryValidator
{
    internal static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(srid: 4326);

    public static List<GeometryProblem> Validate(IReadOnlyList<DomePolygon> boundary, BoundaryLocator where)
    {
        var problems = new List<GeometryProblem>();
        if (boundary.Count == 0)
        {
            problems.Add(new(DomeRegistryProblemKind.UnsupportedGeometry, "the footprint has no polygon", where(null, null, null)));
            return problems;
        }
        for (var p = 0; p < boundary.Count; p++)
        {
            var polygon = boundary[p];
            CheckRing(polygon.Outer, p, 0, where, problems);
            for (var h = 0; h < polygon.Holes.Count; h++)
            {
                CheckRing(polygon.Holes[h], p, h + 1, where, problems);
            }
        }
        if (problems.Count > 0)
        {
            return problems;
        }

        var polygons = new Polygon[boundary.Count];
        for (var p = 0; p < boundary.Count; p++)
        {
            var polygon = boundary[p];
            var lonSpan = polygon.Outer.Max(q => q.Longitude) - polygon.Outer.Min(q => q.Longitude);
            if (lonSpan > 180)
            {
                problems.Add(new(DomeRegistryProblemKind.CrossesAntimeridian,
                    Invariant($"polygon spans {lonSpan:F1}° of longitude: it crosses the ±180° meridian, which dome footprints may not"),
                    where(p, null, null)));
                continue;
            }
            polygons[p] = ToPolygon(polygon);
            var error = new IsValidOp(polygons[p]).ValidationError;
            if (error is not null)
            {
                problems.Add(Describe(error, where(p, null, null)));
            }
        }
        if (problems.Count == 0 && polygons.Length > 1)
        {
            // Each polygon is fine alone; as a MultiPolygon they must not overlap.
            var error = new IsValidOp(Factory.CreateMultiPolygon(polygons)).ValidationError;
            if (error is not null)
            {
                problems.Add(Describe(error, where(null, null, null)));
            }
        }
        return problems;
    }

    public static Polygon ToPolygon(DomePolygon polygon) =>
        Factory.CreatePolygon(
            Factory.CreateLinearRing(ToCoordinates(polygon.Outer)),
            [.. polygon.Holes.Select(h => Factory.CreateLinearRing(ToCoordinates(h)))]);

    public static Geometry ToGeometry(IReadOnlyList<DomePolygon> boundary) =>
        boundary.Count == 1 ? ToPolygon(boundary[0]) : Factory.CreateMultiPolygon([.. boundary.Select(ToPolygon)]);

    private static Coordinate[] ToCoordinates(IReadOnlyList<GeoPoint> ring) =>
        [.. ring.Select(p => new Coordinate(p.Longitude, p.Latitude))];

    private static void CheckRing(IReadOnlyList<GeoPoint> ring, int polygon, int ringIndex, BoundaryLocator where, List<GeometryProblem> problems)
    {
        var ringName = ringIndex == 0 ? "outer ring" : $"hole {ringIndex}";
        var badPositions = 0;
        for (var i = 0; i < ring.Count; i++)
        {
            var point = ring[i];
            var problem = CheckPosition(point);
            if (problem is null)
            {
                continue;
            }
            badPositions++;
            if (badPositions == 1)
            {
                var (kind, message) = problem.Value;
                problems.Add(new(kind, $"{ringName}: {message}", where(polygon, ringIndex, i)));
            }
        }
        if (badPositions > 1)
        {
            var last = problems[^1];
            problems[^1] = last with { Message = last.Message + Invariant($" ({badPositions - 1} more positions of this ring have the same kind of problem)") };
        }
        if (badPositions > 0)
        {
            return;
        }
        if (ring.Count < 4)
        {
            problems.Add(new(DomeRegistryProblemKind.TooFewPositions,
                Invariant($"{ringName} has {ring.Count} position(s); a closed ring needs at least 4 (the last repeating the first)"),
                where(polygon, ringIndex, null)));
            return;
        }
        if (ring[0] != ring[^1])
        {
            problems.Add(new(DomeRegistryProblemKind.UnclosedRing,
                $"{ringName} is not closed: its first position {Format(ring[0])} differs from its last {Format(ring[^1])} (GeoJSON rings repeat the first position at the end)",
                where(polygon, ringIndex, ring.Count - 1)));
        }
    }

    private static (DomeRegistryProblemKind Kind, string Message)? CheckPosition(GeoPoint point)
    {
        double lon = point.Longitude, lat = point.Latitude;
        if (!double.IsFinite(lon) || !double.IsFinite(lat))
        {
            return (DomeRegistryProblemKind.InvalidPosition, Invariant($"position [{lon}, {lat}] is not a pair of finite numbers"));
        }
        var lonOk = lon is >= -180 and <= 180;
        var latOk = lat is >= -90 and <= 90;
        if (lonOk && latOk)
        {
            return null;
        }
        var swappedOk = lat is >= -180 and <= 180 && lon is >= -90 and <= 90;
        if (swappedOk)
        {
            return (DomeRegistryProblemKind.LatitudeLongitudeSwapped,
                Invariant($"position [{lon}, {lat}] has latitude {lat} outside [-90, 90]; it looks like [latitude, longitude], but GeoJSON positions are [longitude, latitude]"));
        }
        return (DomeRegistryProblemKind.CoordinateOutOfRange, latOk
            ? Invariant($"position [{lon}, {lat}] has longitude {lon} outside [-180, 180]")
            : Invariant($"position [{lon}, {lat}] has latitude {lat} outside [-90, 90]"));
    }

    private static GeometryProblem Describe(TopologyValidationError error, string where)
    {
        var near = error.Coordinate is { } c ? Invariant($" near [{c.X:0.#######}, {c.Y:0.#######}]") : string.Empty;
        return error.ErrorType switch
        {
            TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection =>
                new(DomeRegistryProblemKind.SelfIntersection, $"the boundary intersects itself{near}", where),
            _ => new(DomeRegistryProblemKind.InvalidPolygon, $"invalid polygon: {error.Message.ToLowerInvariant()}{near}", where),
        };
    }

    internal static string Format(GeoPoint point) => Invariant($"[{point.Longitude}, {point.Latitude}]");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
