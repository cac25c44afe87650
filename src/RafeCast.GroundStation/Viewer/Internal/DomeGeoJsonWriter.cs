using System.Text.Json;
using RafeCast.Core.Domes;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>Writes domes as the registry's GeoJSON shape, which is what the viewer's map reads.</summary>
internal static class DomeGeoJsonWriter
{
    public static byte[] Write(IReadOnlyList<Dome> domes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var dome in domes)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteStartObject("properties");
                json.WriteString("id", dome.Id);
                json.WriteString("name", dome.Name);
                json.WriteString("kind", dome.Kind);
                if (dome.HeightMetres is { } height)
                {
                    json.WriteNumber("height_m", height);
                }
                else
                {
                    json.WriteNull("height_m");
                }
                WriteInstant(json, "valid_from", dome.Validity.From);
                WriteInstant(json, "valid_to", dome.Validity.To);
                json.WriteEndObject();
                json.WriteStartObject("geometry");
                json.WriteString("type", "MultiPolygon");
                json.WriteStartArray("coordinates");
                foreach (var polygon in dome.Boundary)
                {
                    json.WriteStartArray();
                    WriteRing(json, polygon.Outer);
                    foreach (var hole in polygon.Holes)
                    {
                        WriteRing(json, hole);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteRing(Utf8JsonWriter json, IReadOnlyList<Core.Geodesy.GeoPoint> ring)
    {
        json.WriteStartArray();
        foreach (var point in ring)
        {
            json.WriteStartArray();
            json.WriteNumberValue(point.Longitude);
            json.WriteNumberValue(point.Latitude);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static void WriteInstant(Utf8JsonWriter json, string name, DateTimeOffset? instant)
    {
        if (instant is { } value)
        {
            json.WriteString(name, value.ToUniversalTime());
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
