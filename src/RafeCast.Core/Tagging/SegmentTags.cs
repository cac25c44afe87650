using RafeCast.Core.Domes;
using RafeCast.Core.Geodesy;

namespace RafeCast.Core.Tagging;

/// <summary>
/// Location and dome metadata for one segment's time window [start, end).
/// Positions are null when the window has no fresh telemetry (<see cref="Stale"/>).
/// </summary>
/// <param name="Classification">inside:&lt;id&gt;, outside, crossing or unknown.</param>
/// <param name="StartPosition">Interpolated position at the window start.</param>
/// <param name="EndPosition">Interpolated position at the window end.</param>
/// <param name="Centroid">Mean position of the track inside the window.</param>
/// <param name="BoundingBox">Box around the track inside the window.</param>
/// <param name="Track">The track inside the window, in time order (a LineString's vertices).</param>
/// <param name="MinAltitudeRelative">Lowest relative altitude in the window, metres.</param>
/// <param name="MaxAltitudeRelative">Highest relative altitude in the window, metres.</param>
/// <param name="HeadingAtStartDegrees">Heading at the window start, degrees [0, 360).</param>
/// <param name="DomesAtStart">Ids of the domes containing the start position.</param>
/// <param name="DomesAtEnd">Ids of the domes containing the end position.</param>
/// <param name="Crossings">Boundary crossings inside the window, in time order.</param>
/// <param name="DistanceToNearestBoundaryMetres">Distance from the start position to the nearest dome boundary, metres.</param>
/// <param name="Geohash5">Geohash of the start position, precision 5 (~4.9 km cells).</param>
/// <param name="Geohash7">Geohash of the start position, precision 7 (~153 m cells).</param>
/// <param name="Stale">True when the window has no fresh position (telemetry gap).</param>
public sealed record SegmentTags(
    SegmentClassification Classification,
    GeoPosition? StartPosition,
    GeoPosition? EndPosition,
    GeoPosition? Centroid,
    GeoBoundingBox? BoundingBox,
    IReadOnlyList<GeoPosition> Track,
    double? MinAltitudeRelative,
    double? MaxAltitudeRelative,
    double? HeadingAtStartDegrees,
    IReadOnlyList<string> DomesAtStart,
    IReadOnlyList<string> DomesAtEnd,
    IReadOnlyList<DomeCrossing> Crossings,
    double? DistanceToNearestBoundaryMetres,
    string? Geohash5,
    string? Geohash7,
    bool Stale)
{
    /// <summary>Tags of a window with no usable position.</summary>
    public static SegmentTags UnknownPosition { get; } = new(
        SegmentClassification.Unknown, null, null, null, null, [], null, null, null, [], [], [], null, null, null, Stale: true);
}
