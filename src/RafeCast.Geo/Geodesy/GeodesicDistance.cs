using RafeCast.Core.Geodesy;

namespace RafeCast.Geo.Geodesy;

/// <summary>Distances on the WGS-84 ellipsoid.</summary>
public static class GeodesicDistance
{
    private const double MeanEarthRadius = 6_371_008.8;

    /// <summary>
    /// The geodesic distance in metres between two points, by Vincenty's inverse formula
    /// (Survey Review XXIII, 1975), accurate to well under a millimetre. For nearly antipodal points,
    /// where the iteration does not converge, it falls back to the great-circle distance on the mean sphere.
    /// </summary>
    public static double Metres(GeoPoint from, GeoPoint to)
    {
        const double a = Wgs84.SemiMajorAxis;
        const double b = Wgs84.SemiMinorAxis;
        const double f = Wgs84.Flattening;
        var l = LocalProjection.WrapLongitudeDelta(to.Longitude - from.Longitude) * Wgs84.DegreesToRadians;
        var u1 = Math.Atan((1 - f) * Math.Tan(from.Latitude * Wgs84.DegreesToRadians));
        var u2 = Math.Atan((1 - f) * Math.Tan(to.Latitude * Wgs84.DegreesToRadians));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1), sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);

        var lambda = l;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            double sinLambda = Math.Sin(lambda), cosLambda = Math.Cos(lambda);
            var crossTerm = (cosU1 * sinU2) - (sinU1 * cosU2 * cosLambda);
            var sinSigma = Math.Sqrt((cosU2 * sinLambda * cosU2 * sinLambda) + (crossTerm * crossTerm));
            if (sinSigma == 0)
            {
                return 0;
            }
            var cosSigma = (sinU1 * sinU2) + (cosU1 * cosU2 * cosLambda);
            var sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            var cosSqAlpha = 1 - (sinAlpha * sinAlpha);
            // On the equator cos²α is 0 and the term vanishes.
            var cos2SigmaM = cosSqAlpha == 0 ? 0 : cosSigma - (2 * sinU1 * sinU2 / cosSqAlpha);
            var c = f / 16 * cosSqAlpha * (4 + (f * (4 - (3 * cosSqAlpha))));
            var previous = lambda;
            lambda = l + ((1 - c) * f * sinAlpha *
                (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
            if (Math.Abs(lambda - previous) < 1e-12)
            {
                var uSq = cosSqAlpha * ((a * a) - (b * b)) / (b * b);
                var bigA = 1 + (uSq / 16384 * (4096 + (uSq * (-768 + (uSq * (320 - (175 * uSq)))))));
                var bigB = uSq / 1024 * (256 + (uSq * (-128 + (uSq * (74 - (47 * uSq))))));
                var deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4 *
                    ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM))) -
                     (bigB / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
                return b * bigA * (sigma - deltaSigma);
            }
        }
        return GreatCircleMetres(from, to);
    }

    private static double GreatCircleMetres(GeoPoint from, GeoPoint to)
    {
        var phi1 = from.Latitude * Wgs84.DegreesToRadians;
        var phi2 = to.Latitude * Wgs84.DegreesToRadians;
        var dPhi = phi2 - phi1;
        var dLambda = (to.Longitude - from.Longitude) * Wgs84.DegreesToRadians;
        var h = (Math.Sin(dPhi / 2) * Math.Sin(dPhi / 2)) + (Math.Cos(phi1) * Math.Cos(phi2) * Math.Sin(dLambda / 2) * Math.Sin(dLambda / 2));
        return 2 * MeanEarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
