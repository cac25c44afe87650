namespace RafeCast.Core.Geodesy;

/// <summary>
/// A geodetic position: WGS-84 latitude and longitude in decimal degrees, altitude above mean sea
/// level in metres, and altitude relative to the home/take-off point in metres.
/// </summary>
public readonly record struct GeoPosition(double Latitude, double Longitude, double AltitudeAmsl, double AltitudeRelative)
{
    /// <summary>The horizontal part of this position.</summary>
    public GeoPoint Point => new(Latitude, Longitude);

    /// <summary>True when the horizontal position is in range and both altitudes are finite.</summary>
    public bool IsValid => Point.IsValid && double.IsFinite(AltitudeAmsl) && double.IsFinite(AltitudeRelative);

    /// <summary>Linear interpolation between two positions; <paramref name="fraction"/> 0 gives <paramref name="from"/>.</summary>
    /// <remarks>Adequate between telemetry samples, which are metres apart; longitude wrap at ±180° is handled.</remarks>
    public static GeoPosition Lerp(GeoPosition from, GeoPosition to, double fraction)
    {
        var deltaLon = to.Longitude - from.Longitude;
        if (deltaLon > 180) deltaLon -= 360;
        else if (deltaLon < -180) deltaLon += 360;
        var lon = from.Longitude + (deltaLon * fraction);
        if (lon > 180) lon -= 360;
        else if (lon < -180) lon += 360;
        return new GeoPosition(
            from.Latitude + ((to.Latitude - from.Latitude) * fraction),
            lon,
            from.AltitudeAmsl + ((to.AltitudeAmsl - from.AltitudeAmsl) * fraction),
            from.AltitudeRelative + ((to.AltitudeRelative - from.AltitudeRelative) * fraction));
    }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Latitude:F7},{Longitude:F7} {AltitudeAmsl:F1} m AMSL ({AltitudeRelative:F1} m rel)");
}
