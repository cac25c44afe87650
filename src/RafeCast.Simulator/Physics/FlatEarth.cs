using RafeCast.Core.Geodesy;

namespace RafeCast.Simulator.Physics;

/// <summary>
/// Local north/east offsets on a sphere of the WGS-84 equatorial radius. A drone flies a few kilometres at
/// most, where this differs from the ellipsoid by well under a metre per kilometre.
/// </summary>
internal static class FlatEarth
{
    public const double EarthRadiusMetres = 6_378_137.0;
    private const double DegreesPerRadian = 180.0 / Math.PI;

    /// <summary>The point <paramref name="north"/> and <paramref name="east"/> metres from <paramref name="origin"/>.</summary>
    public static GeoPoint Offset(GeoPoint origin, double north, double east)
    {
        var latitude = origin.Latitude + (north / EarthRadiusMetres * DegreesPerRadian);
        var longitude = origin.Longitude + (east / (EarthRadiusMetres * Math.Cos(origin.Latitude / DegreesPerRadian)) * DegreesPerRadian);
        if (longitude > 180)
        {
            longitude -= 360;
        }
        else if (longitude < -180)
        {
            longitude += 360;
        }
        return new GeoPoint(latitude, longitude);
    }

    /// <summary>Metres north and east from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static (double North, double East) Between(GeoPoint from, GeoPoint to)
    {
        var deltaLon = to.Longitude - from.Longitude;
        if (deltaLon > 180)
        {
            deltaLon -= 360;
        }
        else if (deltaLon < -180)
        {
            deltaLon += 360;
        }
        var north = (to.Latitude - from.Latitude) / DegreesPerRadian * EarthRadiusMetres;
        var east = deltaLon / DegreesPerRadian * EarthRadiusMetres * Math.Cos((from.Latitude + to.Latitude) / 2 / DegreesPerRadian);
        return (north, east);
    }

    /// <summary>Horizontal distance in metres.</summary>
    public static double Distance(GeoPoint from, GeoPoint to)
    {
        var (north, east) = Between(from, to);
        return Math.Sqrt((north * north) + (east * east));
    }

    /// <summary>Compass bearing in degrees [0, 360) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static double Bearing(GeoPoint from, GeoPoint to)
    {
        var (north, east) = Between(from, to);
        return NormalizeDegrees(Math.Atan2(east, north) * DegreesPerRadian);
    }

    public static double NormalizeDegrees(double degrees)
    {
        degrees %= 360.0;
        return degrees < 0 ? degrees + 360.0 : degrees;
    }

    /// <summary>An angle in radians wrapped into (-π, π].</summary>
    public static double WrapPi(double radians)
    {
        radians %= 2 * Math.PI;
        if (radians > Math.PI)
        {
            radians -= 2 * Math.PI;
        }
        else if (radians <= -Math.PI)
        {
            radians += 2 * Math.PI;
        }
        return radians;
    }
}
