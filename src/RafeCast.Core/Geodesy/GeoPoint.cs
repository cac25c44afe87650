namespace RafeCast.Core.Geodesy;

/// <summary>A point on the WGS-84 ellipsoid, latitude and longitude in decimal degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>True when latitude is within [-90, 90] and longitude within [-180, 180] and both are finite.</summary>
    public bool IsValid =>
        double.IsFinite(Latitude) && double.IsFinite(Longitude) &&
        Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Latitude:F7},{Longitude:F7}");
}
