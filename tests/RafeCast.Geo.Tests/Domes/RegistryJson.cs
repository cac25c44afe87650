using System.Globalization;
using System.Text;
using RafeCast.Core.Domes;

namespace RafeCast.Geo.Tests.Domes;

/// <summary>Writes small dome registries as GeoJSON text for the reader tests.</summary>
internal static class RegistryJson
{
    public static string Collection(params string[] features) =>
        $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";

    public static string Feature(string properties, string geometry) =>
        $$"""{"type":"Feature","properties":{{properties}},"geometry":{{geometry}}}""";

    public static string Polygon(params string[] rings) =>
        $$"""{"type":"Polygon","coordinates":[{{string.Join(",", rings)}}]}""";

    /// <summary>A ring of [lon, lat] positions, written as given.</summary>
    public static string Ring(params (double Lon, double Lat)[] positions)
    {
        var text = new StringBuilder("[");
        text.AppendJoin(",", positions.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Lon},{p.Lat}]")));
        return text.Append(']').ToString();
    }

    /// <summary>A closed square ring of side <paramref name="size"/> degrees at (lon, lat).</summary>
    public static string Square(double lon, double lat, double size = 0.002) =>
        Ring((lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat));

    public static string Dome(string id, double lon = 149.165, double lat = -35.363) =>
        Feature($$"""{"id":"{{id}}","name":"Dome {{id}}","kind":"biodome"}""", Polygon(Square(lon, lat)));

    public static string ToGeoJson(IEnumerable<Dome> domes) =>
        Collection([.. domes.Select(d => Feature(
            $$"""{"id":"{{d.Id}}"}""",
            Polygon(Ring([.. d.Boundary[0].Outer.Select(p => (p.Longitude, p.Latitude))]))))]);
}
