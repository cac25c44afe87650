using System.Globalization;
using System.Text;
using System.Text.Json;
using RafeCast.Core.Domes;
using RafeCast.Core.Geodesy;
using RafeCast.Geo.Domes.Internal;

namespace RafeCast.Geo.Domes;

/// <summary>What reading a dome registry found: the valid domes and every problem, in file order.</summary>
/// <param name="Source">The file (or other source) read.</param>
/// <param name="Domes">The features that are valid domes.</param>
/// <param name="Problems">Every problem found; empty when the registry is valid.</param>
public sealed record DomeRegistryReadResult(string Source, IReadOnlyList<Dome> Domes, IReadOnlyList<DomeRegistryProblem> Problems)
{
    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>The registry, when valid; otherwise throws <see cref="DomeRegistryException"/> listing the problems.</summary>
    public DomeRegistry ToRegistry() =>
        IsValid ? DomeRegistry.CreateValidated(Domes, Source) : throw new DomeRegistryException(Source, Problems);
}

/// <summary>
/// Reads a dome registry: a GeoJSON (RFC 7946) FeatureCollection of Polygon / MultiPolygon features
/// with properties <c>id</c> (required, unique; letters, digits, '-', '_', '.'), <c>name</c>, <c>kind</c>,
/// <c>height_m</c> (ceiling in metres above ground) and <c>valid_from</c> / <c>valid_to</c> (ISO-8601 with a
/// UTC offset). Positions are [longitude, latitude] in degrees; a third value (altitude) is ignored.
/// Every problem is reported with the feature and a JSON path, not only the first.
/// </summary>
public static class DomeRegistryReader
{
    /// <summary>Longest dome id accepted.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The kind a feature gets when it has none.</summary>
    public const string DefaultKind = "biodome";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    /// <summary>Loads and validates a registry file; throws <see cref="DomeRegistryException"/> listing every problem.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static DomeRegistry Load(string path) => ReadFile(path).ToRegistry();

    /// <summary>Reads a registry file and reports every problem instead of throwing.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static DomeRegistryReadResult ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The dome registry {path} does not exist.", path);
        }
        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a registry from JSON text.</summary>
    public static DomeRegistryReadResult Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json), source);
    }

    /// <summary>Reads a registry from UTF-8 JSON.</summary>
    public static DomeRegistryReadResult Read(ReadOnlyMemory<byte> utf8Json, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<DomeRegistryProblem>();
        var domes = new List<Dome>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? Invariant($"line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}")
                : "the start of the file";
            problems.Add(new(DomeRegistryProblemKind.NotJson, null, null, $"not JSON: {FirstSentence(ex.Message)}", where));
            return new(source, domes, problems);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(NotGeoJson($"the top level is {Describe(root)}, not a GeoJSON object; a dome registry is a FeatureCollection", "$"));
                return new(source, domes, problems);
            }
            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                problems.Add(NotGeoJson("the top-level object has no \"type\" string, so it is not GeoJSON; a dome registry is a FeatureCollection", "$.type"));
                return new(source, domes, problems);
            }
            if (type.GetString() != "FeatureCollection")
            {
                problems.Add(NotGeoJson($"the top-level type is '{type.GetString()}'; a dome registry is a FeatureCollection of Polygon / MultiPolygon features", "$.type"));
                return new(source, domes, problems);
            }
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                problems.Add(NotGeoJson("the FeatureCollection has no \"features\" array", "$.features"));
                return new(source, domes, problems);
            }

            var firstUse = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var dome = ReadFeature(feature, index, firstUse, problems);
                if (dome is not null)
                {
                    domes.Add(dome);
                }
                index++;
            }
        }
        return new(source, domes, problems);
    }

    private static Dome? ReadFeature(JsonElement feature, int index, Dictionary<string, int> firstUse, List<DomeRegistryProblem> problems)
    {
        var path = Invariant($"features[{index}]");
        if (feature.ValueKind != JsonValueKind.Object ||
            !feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
        {
            problems.Add(new(DomeRegistryProblemKind.NotAFeature, index, null,
                $"{Describe(feature)} is not a GeoJSON Feature (an object with \"type\": \"Feature\")", path));
            return null;
        }
        var before = problems.Count;
        var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;

        var id = ReadId(feature, properties, index, path, problems);
        if (id is not null)
        {
            if (firstUse.TryGetValue(id, out var first))
            {
                problems.Add(new(DomeRegistryProblemKind.DuplicateId, index, id,
                    Invariant($"id '{id}' is already used by feature {first}; dome ids must be unique"), path + ".properties.id"));
            }
            else
            {
                firstUse.Add(id, index);
            }
        }

        var name = ReadOptionalString(properties, "name", index, id, path, problems) ?? id ?? string.Empty;
        var kind = ReadOptionalString(properties, "kind", index, id, path, problems) ?? DefaultKind;
        var height = ReadHeight(properties, index, id, path, problems);
        var validFrom = ReadInstant(properties, "valid_from", index, id, path, problems);
        var validTo = ReadInstant(properties, "valid_to", index, id, path, problems);
        if (validFrom is { } from && validTo is { } to && from >= to)
        {
            problems.Add(new(DomeRegistryProblemKind.InvalidProperty, index, id,
                $"valid_from {from:O} is not before valid_to {to:O}, so the dome would never be valid", path + ".properties"));
        }

        var boundary = ReadGeometry(feature, index, id, path, problems);
        if (boundary is not null)
        {
            var isMulti = feature.GetProperty("geometry").GetProperty("type").GetString() == "MultiPolygon";
            string Where(int? polygon, int? ring, int? position)
            {
                var where = new StringBuilder(path).Append(".geometry");
                if (polygon is null)
                {
                    return where.ToString();
                }
                where.Append(".coordinates");
                if (isMulti)
                {
                    where.Append(CultureInfo.InvariantCulture, $"[{polygon}]");
                }
                if (ring is { } r)
                {
                    where.Append(CultureInfo.InvariantCulture, $"[{r}]");
                }
                if (position is { } k)
                {
                    where.Append(CultureInfo.InvariantCulture, $"[{k}]");
                }
                return where.ToString();
            }
            foreach (var problem in DomeGeometryValidator.Validate(boundary, Where))
            {
                problems.Add(new(problem.Kind, index, id, problem.Message, problem.Where));
            }
        }

        if (problems.Count > before || id is null || boundary is null)
        {
            return null;
        }
        return new Dome(id, name, kind, boundary, height, new ValidityInterval(validFrom, validTo));
    }

    private static string? ReadId(JsonElement feature, JsonElement? properties, int index, string path, List<DomeRegistryProblem> problems)
    {
        // The contract is properties.id; RFC 7946's feature-level "id" is accepted when that is absent.
        JsonElement idElement = default;
        var idPath = path + ".properties.id";
        var found = properties is { } props && props.TryGetProperty("id", out idElement) && idElement.ValueKind != JsonValueKind.Null;
        if (!found && feature.TryGetProperty("id", out idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            found = true;
            idPath = path + ".id";
        }
        if (!found)
        {
            problems.Add(new(DomeRegistryProblemKind.MissingId, index, null, "the feature has no \"id\" property; every dome needs a unique id", path + ".properties"));
            return null;
        }
        string id;
        if (idElement.ValueKind == JsonValueKind.String)
        {
            id = idElement.GetString()!;
        }
        else if (idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var number))
        {
            id = number.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            problems.Add(new(DomeRegistryProblemKind.InvalidId, index, null, $"the id is {Describe(idElement)}; it must be a string", idPath));
            return null;
        }
        if (!IsValidId(id))
        {
            problems.Add(new(DomeRegistryProblemKind.InvalidId, index, null,
                Invariant($"id '{id}' must be 1 to {MaxIdLength} letters, digits, '-', '_' or '.' (it travels in HLS attributes, blob tags and file names)"), idPath));
            return null;
        }
        return id;
    }

    /// <summary>True when <paramref name="id"/> is a usable dome id: 1..64 of letters, digits, '-', '_', '.'.</summary>
    public static bool IsValidId(string id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string? ReadOptionalString(JsonElement? properties, string name, int index, string? id, string path, List<DomeRegistryProblem> problems)
    {
        if (properties is not { } props || !props.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new(DomeRegistryProblemKind.InvalidProperty, index, id, $"{name} is {Describe(value)}; it must be a string", $"{path}.properties.{name}"));
            return null;
        }
        return value.GetString();
    }

    private static double? ReadHeight(JsonElement? properties, int index, string? id, string path, List<DomeRegistryProblem> problems)
    {
        if (properties is not { } props || !props.TryGetProperty("height_m", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var height) || !double.IsFinite(height) || height <= 0)
        {
            problems.Add(new(DomeRegistryProblemKind.InvalidProperty, index, id,
                $"height_m is {Describe(value)}; it must be a positive number of metres above the ground", path + ".properties.height_m"));
            return null;
        }
        return height;
    }

    private static DateTimeOffset? ReadInstant(JsonElement? properties, string name, int index, string? id, string path, List<DomeRegistryProblem> problems)
    {
        if (properties is not { } props || !props.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var where = $"{path}.properties.{name}";
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new(DomeRegistryProblemKind.InvalidProperty, index, id, $"{name} is {Describe(value)}; it must be an ISO-8601 date-time string", where));
            return null;
        }
        var text = value.GetString()!;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            problems.Add(new(DomeRegistryProblemKind.InvalidProperty, index, id, $"{name} '{text}' is not an ISO-8601 date-time such as 2026-11-26T10:30:00Z", where));
            return null;
        }
        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            problems.Add(new(DomeRegistryProblemKind.InvalidProperty, index, id,
                $"{name} '{text}' has no UTC offset, so the instant is ambiguous; end it with Z or an offset such as +10:00", where));
            return null;
        }
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).ToUniversalTime();
    }

    private static List<DomePolygon>? ReadGeometry(JsonElement feature, int index, string? id, string path, List<DomeRegistryProblem> problems)
    {
        var where = path + ".geometry";
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
        {
            problems.Add(new(DomeRegistryProblemKind.UnsupportedGeometry, index, id, "the feature has no geometry; a dome is a Polygon or MultiPolygon", where));
            return null;
        }
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            problems.Add(new(DomeRegistryProblemKind.UnsupportedGeometry, index, id, $"the geometry is {Describe(geometry)} without a \"type\"; a dome is a Polygon or MultiPolygon", where));
            return null;
        }
        var type = typeElement.GetString();
        if (type is not ("Polygon" or "MultiPolygon"))
        {
            problems.Add(new(DomeRegistryProblemKind.UnsupportedGeometry, index, id, $"geometry type '{type}' is not supported; a dome is a Polygon or MultiPolygon", where + ".type"));
            return null;
        }
        var coordinatesPath = where + ".coordinates";
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new(DomeRegistryProblemKind.UnsupportedGeometry, index, id, $"the {type} has no \"coordinates\" array", coordinatesPath));
            return null;
        }
        var polygons = new List<DomePolygon>();
        if (type == "Polygon")
        {
            var polygon = ReadPolygon(coordinates, coordinatesPath, index, id, problems);
            if (polygon is null)
            {
                return null;
            }
            polygons.Add(polygon);
            return polygons;
        }
        var p = 0;
        var ok = true;
        foreach (var polygonElement in coordinates.EnumerateArray())
        {
            var polygon = ReadPolygon(polygonElement, Invariant($"{coordinatesPath}[{p}]"), index, id, problems);
            ok &= polygon is not null;
            if (polygon is not null)
            {
                polygons.Add(polygon);
            }
            p++;
        }
        if (p == 0)
        {
            problems.Add(new(DomeRegistryProblemKind.UnsupportedGeometry, index, id, "the MultiPolygon has no polygons", coordinatesPath));
            return null;
        }
        return ok ? polygons : null;
    }

    private static DomePolygon? ReadPolygon(JsonElement polygon, string path, int index, string? id, List<DomeRegistryProblem> problems)
    {
        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
        {
            problems.Add(new(DomeRegistryProblemKind.UnsupportedGeometry, index, id, $"a polygon must be a non-empty array of rings, got {Describe(polygon)}", path));
            return null;
        }
        var rings = new List<IReadOnlyList<GeoPoint>>();
        var r = 0;
        foreach (var ringElement in polygon.EnumerateArray())
        {
            var ringPath = Invariant($"{path}[{r}]");
            var ring = ReadRing(ringElement, ringPath, index, id, problems);
            if (ring is null)
            {
                return null;
            }
            rings.Add(ring);
            r++;
        }
        return new DomePolygon(rings[0], rings.Skip(1).ToArray());
    }

    private static List<GeoPoint>? ReadRing(JsonElement ring, string path, int index, string? id, List<DomeRegistryProblem> problems)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new(DomeRegistryProblemKind.UnsupportedGeometry, index, id, $"a ring must be an array of positions, got {Describe(ring)}", path));
            return null;
        }
        var points = new List<GeoPoint>(ring.GetArrayLength());
        var k = 0;
        foreach (var position in ring.EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2 ||
                position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
            {
                problems.Add(new(DomeRegistryProblemKind.InvalidPosition, index, id,
                    $"a position must be [longitude, latitude] (numbers, an optional altitude after them), got {Abbreviate(position.GetRawText())}",
                    Invariant($"{path}[{k}]")));
                return null;
            }
            points.Add(new GeoPoint(position[1].GetDouble(), position[0].GetDouble()));
            k++;
        }
        return points;
    }

    private static DomeRegistryProblem NotGeoJson(string message, string where) =>
        new(DomeRegistryProblemKind.NotGeoJson, null, null, message, where);

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Abbreviate(element.GetRawText())}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Abbreviate(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: ..." which the Where column already says.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
