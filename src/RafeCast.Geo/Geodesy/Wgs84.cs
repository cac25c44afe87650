namespace RafeCast.Geo.Geodesy;

/// <summary>
/// The WGS-84 ellipsoid (NIMA TR8350.2) and the local radii of curvature derived from it.
/// </summary>
public static class Wgs84
{
    /// <summary>Semi-major axis, metres.</summary>
    public const double SemiMajorAxis = 6_378_137.0;

    /// <summary>Flattening.</summary>
    public const double Flattening = 1.0 / 298.257223563;

    /// <summary>Semi-minor axis, metres.</summary>
    public const double SemiMinorAxis = SemiMajorAxis * (1 - Flattening);

    /// <summary>First eccentricity squared.</summary>
    public const double EccentricitySquared = Flattening * (2 - Flattening);

    /// <summary>Metres per degree of latitude at <paramref name="latitudeDegrees"/> (meridian radius of curvature).</summary>
    public static double MetresPerDegreeLatitude(double latitudeDegrees)
    {
        var sin = Math.Sin(latitudeDegrees * DegreesToRadians);
        var w = 1 - (EccentricitySquared * sin * sin);
        var meridianRadius = SemiMajorAxis * (1 - EccentricitySquared) / (w * Math.Sqrt(w));
        return meridianRadius * DegreesToRadians;
    }

    /// <summary>Metres per degree of longitude at <paramref name="latitudeDegrees"/> (radius of the parallel).</summary>
    public static double MetresPerDegreeLongitude(double latitudeDegrees)
    {
        var phi = latitudeDegrees * DegreesToRadians;
        var sin = Math.Sin(phi);
        var primeVerticalRadius = SemiMajorAxis / Math.Sqrt(1 - (EccentricitySquared * sin * sin));
        return primeVerticalRadius * Math.Cos(phi) * DegreesToRadians;
    }

    internal const double DegreesToRadians = Math.PI / 180.0;
}
