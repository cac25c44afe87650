using RafeCast.Core.Geodesy;
using RafeCast.Geo.Geodesy;

namespace RafeCast.Geo.Tests.Geodesy;

public sealed class GeodesyTests
{
    [Theory]
    [InlineData(42.6, -5.6, 5, "ezs42")]
    [InlineData(57.64911, 10.40744, 11, "u4pruydqqvj")]
    public void GeohashEncode_KnownPoints_GivesTheKnownHash(double latitude, double longitude, int precision, string expected)
    {
        Assert.Equal(expected, Geohash.Encode(latitude, longitude, precision));
    }

    [Fact]
    public void GeohashEncode_Canberra_CellContainsThePointAndNests()
    {
        var five = Geohash.Encode(-35.363261, 149.165230, 5);
        var seven = Geohash.Encode(-35.363261, 149.165230, 7);
        var cell = Geohash.DecodeCell(seven);

        Assert.StartsWith(five, seven, StringComparison.Ordinal);
        Assert.InRange(-35.363261, cell.MinLatitude, cell.MaxLatitude);
        Assert.InRange(149.165230, cell.MinLongitude, cell.MaxLongitude);
        // Precision 7 is about 153 m wide at the equator.
        Assert.InRange((cell.MaxLongitude - cell.MinLongitude) * Wgs84.MetresPerDegreeLongitude(0), 150, 155);
    }

    [Fact]
    public void GeodesicDistance_VincentysOwnExample_FlindersPeakToBuninyong()
    {
        // Vincenty (1975) and Geoscience Australia's worked example: 54 972.271 m.
        var flindersPeak = new GeoPoint(-(37 + (57 / 60.0) + (3.72030 / 3600)), 144 + (25 / 60.0) + (29.52440 / 3600));
        var buninyong = new GeoPoint(-(37 + (39 / 60.0) + (10.15610 / 3600)), 143 + (55 / 60.0) + (35.38390 / 3600));

        Assert.Equal(54_972.271, GeodesicDistance.Metres(flindersPeak, buninyong), 0.001);
    }

    [Fact]
    public void GeodesicDistance_AntipodalPoints_FallsBackToTheGreatCircle()
    {
        var distance = GeodesicDistance.Metres(new GeoPoint(0, 0), new GeoPoint(0.5, 179.7));

        Assert.InRange(distance, 19_900_000, 20_050_000);
    }

    [Theory]
    [InlineData(-35.363261, 149.165230)]
    [InlineData(69.6492, 18.9553)]
    public void LocalProjection_WithinFiveKilometres_MatchesTheGeodesicWithinAThousandth(double latitude, double longitude)
    {
        var projection = new LocalProjection(new GeoPoint(latitude, longitude));
        foreach (var (east, north) in new[] { (5000.0, 0.0), (0.0, 5000.0), (-3000.0, 4000.0), (250.0, -120.0) })
        {
            var point = projection.Unproject(east, north);
            var expected = Math.Sqrt((east * east) + (north * north));

            var geodesic = GeodesicDistance.Metres(projection.Origin, point);

            Assert.Equal(expected, geodesic, expected * 0.001);
            var (e, n) = projection.Project(point);
            Assert.Equal(east, e, 1e-6);
            Assert.Equal(north, n, 1e-6);
        }
    }
}
