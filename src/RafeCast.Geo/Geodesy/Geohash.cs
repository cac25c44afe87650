namespace RafeCast.Geo.Geodesy;

/// <summary>
/// Geohash encoding (G. Niemeyer, 2008): latitude and longitude bisected alternately, longitude first,
/// five bits per base-32 character. Precision 5 is a cell of about 4.9 × 4.9 km, precision 7 about 153 × 153 m.
/// </summary>
public static class Geohash
{
    private const string Alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";

    /// <summary>The longest geohash this encoder writes (60 bits of a double's precision are plenty).</summary>
    public const int MaxPrecision = 12;

    /// <summary>The geohash of a point in degrees, <paramref name="precision"/> characters long (1..12).</summary>
    public static string Encode(double latitude, double longitude, int precision)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, MaxPrecision);
        if (!(latitude is >= -90 and <= 90) || !(longitude is >= -180 and <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), $"({latitude}, {longitude}) is not a latitude/longitude in degrees.");
        }
        return string.Create(precision, (latitude, longitude), static (chars, point) => Encode(point.latitude, point.longitude, chars));
    }

    /// <summary>Writes the geohash into <paramref name="destination"/>, one character per slot; allocation-free.</summary>
    public static void Encode(double latitude, double longitude, Span<char> destination)
    {
        double latMin = -90, latMax = 90, lonMin = -180, lonMax = 180;
        var evenBit = true; // longitude first
        for (var i = 0; i < destination.Length; i++)
        {
            var index = 0;
            for (var bit = 0; bit < 5; bit++)
            {
                index <<= 1;
                if (evenBit)
                {
                    var mid = (lonMin + lonMax) / 2;
                    if (longitude >= mid) { index |= 1; lonMin = mid; }
                    else { lonMax = mid; }
                }
                else
                {
                    var mid = (latMin + latMax) / 2;
                    if (latitude >= mid) { index |= 1; latMin = mid; }
                    else { latMax = mid; }
                }
                evenBit = !evenBit;
            }
            destination[i] = Alphabet[index];
        }
    }

    /// <summary>The cell a geohash names: its south-west and north-east corners in degrees.</summary>
    public static (double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude) DecodeCell(string geohash)
    {
        ArgumentException.ThrowIfNullOrEmpty(geohash);
        double latMin = -90, latMax = 90, lonMin = -180, lonMax = 180;
        var evenBit = true;
        foreach (var c in geohash)
        {
            var index = Alphabet.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
            if (index < 0)
            {
                throw new FormatException($"'{c}' in '{geohash}' is not a geohash character.");
            }
            for (var bit = 4; bit >= 0; bit--)
            {
                var on = ((index >> bit) & 1) == 1;
                if (evenBit)
                {
                    var mid = (lonMin + lonMax) / 2;
                    if (on) lonMin = mid; else lonMax = mid;
                }
                else
                {
                    var mid = (latMin + latMax) / 2;
                    if (on) latMin = mid; else latMax = mid;
                }
                evenBit = !evenBit;
            }
        }
        return (latMin, lonMin, latMax, lonMax);
    }
}
