namespace RafeCast.Geo.Domes;

/// <summary>Where a position is relative to one dome at one instant.</summary>
public enum DomePresence : byte
{
    /// <summary>Outside the footprint, or the dome is not valid at that instant.</summary>
    Outside,
    /// <summary>Inside the footprint and below the ceiling (or the dome has none), while the dome is valid.</summary>
    Inside,
    /// <summary>Inside the footprint at or above the ceiling: over the dome, not in it.</summary>
    Above,
}

/// <summary>One dome a position is inside or above: the dome's index in its <see cref="DomeRegistry"/>.</summary>
public readonly record struct DomeHit(int DomeIndex, DomePresence Presence);

/// <summary>The nearest dome boundary to a point.</summary>
/// <param name="DomeIndex">Index of the dome in its registry.</param>
/// <param name="DomeId">The dome's id.</param>
/// <param name="Metres">Distance in metres to the nearest point of the boundary (footprint edge).</param>
/// <param name="NearestPoint">That nearest point of the boundary.</param>
public readonly record struct BoundaryDistance(int DomeIndex, string DomeId, double Metres, Core.Geodesy.GeoPoint NearestPoint);
