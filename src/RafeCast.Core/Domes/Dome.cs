using RafeCast.Core.Geodesy;

namespace RafeCast.Core.Domes;

/// <summary>
/// A biodome: a geofence polygon (or several) with an optional ceiling and a validity interval.
/// </summary>
/// <param name="Id">Unique id from the registry, e.g. "dome-harbour".</param>
/// <param name="Name">Human name, e.g. "Harbour Biodome".</param>
/// <param name="Kind">Registry kind, e.g. "biodome".</param>
/// <param name="Boundary">The dome's footprint: one or more polygons.</param>
/// <param name="HeightMetres">Ceiling above the ground in metres; a drone higher than this is over the dome, not inside. Null = unbounded.</param>
/// <param name="Validity">When the dome exists; it counts only inside this interval.</param>
public sealed record Dome(
    string Id,
    string Name,
    string Kind,
    IReadOnlyList<DomePolygon> Boundary,
    double? HeightMetres,
    ValidityInterval Validity);

/// <summary>One polygon of a dome: an outer ring and optional holes, each a closed ring of points (first = last).</summary>
public sealed record DomePolygon(IReadOnlyList<GeoPoint> Outer, IReadOnlyList<IReadOnlyList<GeoPoint>> Holes);

/// <summary>A half-open UTC interval [From, To); a null end is unbounded.</summary>
public readonly record struct ValidityInterval(DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>Valid at all times.</summary>
    public static ValidityInterval Always => default;

    /// <summary>True when <paramref name="instantUtc"/> is inside the interval.</summary>
    public bool Contains(DateTimeOffset instantUtc) =>
        (From is not { } from || instantUtc >= from) && (To is not { } to || instantUtc < to);
}
