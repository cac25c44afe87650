using System.Globalization;
using System.Text.Json;
using RafeCast.Core.Domes;
using RafeCast.Core.Geodesy;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>
/// Reads the dome registry's GeoJSON (RFC 7946: a FeatureCollection of Polygon / MultiPolygon features
/// with properties id, name, kind, height_m, valid_from, valid_to) well enough to draw it. The geo stage
/// owns full validation (self-intersection and the rest); this checks what drawing needs.
/// </summary>
internal static class DomeGeoJsonReader
{
    public static IReadOnlyList<Dome> Read(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new DomeGeoJsonException($"not JSON ({ex.Message}).");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection")
            {
                throw new DomeGeoJsonException("not a GeoJSON FeatureCollection (the root needs \"type\": \"FeatureCollection\").");
            }
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                throw new DomeGeoJsonException("the FeatureCollection has no \"features\" array.");
            }
            var domes = new List<Dome>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var dome = ReadFeature(feature, index);
                if (!ids.Add(dome.Id))
                {
                    throw new DomeGeoJsonException($"feature #{index} (id '{dome.Id}'): the id is used by an earlier feature; ids must be unique.");
                }
                domes.Add(dome);
                index++;
            }
            return domes;
        }
    }

    private static Dome ReadFeature(JsonElement feature, int index)
    {
        var where = $"feature #{index}";
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("type", out var type) || type.GetString() != "Feature")
        {
            throw new DomeGeoJsonException($"{where}: not a GeoJSON Feature.");
        }
        if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            throw new DomeGeoJsonException($"{where}: has no properties (id is required).");
        }
        var id = String(properties, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new DomeGeoJsonException($"{where}: properties.id is missing or empty.");
        }
        where = $"feature #{index} (id '{id}')";
        var name = String(properties, "name") ?? id;
        var kind = String(properties, "kind") ?? "biodome";
        double? height = null;
        if (properties.TryGetProperty("height_m", out var heightElement) && heightElement.ValueKind != JsonValueKind.Null)
        {
            if (heightElement.ValueKind != JsonValueKind.Number || !heightElement.TryGetDouble(out var h) || !double.IsFinite(h) || h <= 0)
            {
                throw new DomeGeoJsonException($"{where}: height_m must be a positive number of metres.");
            }
            height = h;
        }
        var validity = new ValidityInterval(Instant(properties, "valid_from", where), Instant(properties, "valid_to", where));
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            throw new DomeGeoJsonException($"{where}: has no geometry.");
        }
        var geometryType = String(geometry, "type");
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            throw new DomeGeoJsonException($"{where}: the geometry has no coordinates array.");
        }
        var polygons = geometryType switch
        {
            "Polygon" => [ReadPolygon(coordinates, where)],
            "MultiPolygon" => coordinates.EnumerateArray().Select(p => ReadPolygon(p, where)).ToArray(),
            _ => throw new DomeGeoJsonException($"{where}: geometry type '{geometryType}' is not supported (Polygon or MultiPolygon)."),
        };
        if (polygons.Length == 0)
        {
            throw new DomeGeoJsonException($"{where}: the MultiPolygon has no polygons.");
        }
        return new Dome(id, name, kind, polygons, height, validity);
    }

    private static DomePolygon ReadPolygon(JsonElement polygon, string where)
    {
        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
        {
            throw new DomeGeoJsonException($"{where}: a polygon needs at least its outer ring.");
        }
        var rings = polygon.EnumerateArray().Select(r => ReadRing(r, where)).ToArray();
        return new DomePolygon(rings[0], rings[1..]);
    }

    private static GeoPoint[] ReadRing(JsonElement ring, string where)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            throw new DomeGeoJsonException($"{where}: a ring is not an array of positions.");
        }
        var points = new List<GeoPoint>();
        foreach (var position in ring.EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
            {
                throw new DomeGeoJsonException($"{where}: a position is not [longitude, latitude].");
            }
            // GeoJSON orders positions longitude first (RFC 7946 §3.1.1).
            var point = new GeoPoint(position[1].GetDouble(), position[0].GetDouble());
            if (!point.IsValid)
            {
                throw new DomeGeoJsonException($"{where}: position [{position[0].GetDouble().ToString(CultureInfo.InvariantCulture)}, {position[1].GetDouble().ToString(CultureInfo.InvariantCulture)}] is out of range (longitude first, then latitude).");
            }
            points.Add(point);
        }
        if (points.Count < 4 || points[0] != points[^1])
        {
            throw new DomeGeoJsonException($"{where}: a ring needs at least 4 positions and must end where it starts (closed).");
        }
        return [.. points];
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Instant(JsonElement properties, string property, string where)
    {
        if (!properties.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }
        throw new DomeGeoJsonException($"{where}: {property} must be an ISO-8601 date-time.");
    }
}
