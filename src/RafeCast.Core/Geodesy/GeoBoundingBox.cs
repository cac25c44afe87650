namespace RafeCast.Core.Geodesy;

/// <summary>An axis-aligned box in degrees (south-west and north-east corners), as GeoJSON's bbox orders it.</summary>
public readonly record struct GeoBoundingBox(double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude)
{
    /// <summary>The smallest box around <paramref name="points"/>; null when there are none.</summary>
    public static GeoBoundingBox? Around(IEnumerable<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double minLat = double.MaxValue, minLon = double.MaxValue, maxLat = double.MinValue, maxLon = double.MinValue;
        var any = false;
        foreach (var p in points)
        {
            any = true;
            minLat = Math.Min(minLat, p.Latitude);
            minLon = Math.Min(minLon, p.Longitude);
            maxLat = Math.Max(maxLat, p.Latitude);
            maxLon = Math.Max(maxLon, p.Longitude);
        }
        return any ? new GeoBoundingBox(minLat, minLon, maxLat, maxLon) : null;
    }

    /// <summary>True when <paramref name="point"/> lies inside or on the edge of the box.</summary>
    public bool Contains(GeoPoint point) =>
        point.Latitude >= MinLatitude && point.Latitude <= MaxLatitude &&
        point.Longitude >= MinLongitude && point.Longitude <= MaxLongitude;
}
