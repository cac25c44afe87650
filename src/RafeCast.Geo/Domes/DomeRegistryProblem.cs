namespace RafeCast.Geo.Domes;

/// <summary>What is wrong with a dome registry or one of its features.</summary>
public enum DomeRegistryProblemKind
{
    /// <summary>The file is not JSON at all.</summary>
    NotJson,
    /// <summary>JSON, but not a GeoJSON FeatureCollection.</summary>
    NotGeoJson,
    /// <summary>An entry of <c>features</c> is not a GeoJSON Feature.</summary>
    NotAFeature,
    /// <summary>A feature has no <c>id</c> property.</summary>
    MissingId,
    /// <summary>Two features share an <c>id</c>.</summary>
    DuplicateId,
    /// <summary>An <c>id</c> holds characters that cannot travel in HLS attributes, blob tags and paths.</summary>
    InvalidId,
    /// <summary>A property has the wrong type or an impossible value (<c>height_m</c>, <c>valid_from</c>, ...).</summary>
    InvalidProperty,
    /// <summary>The geometry is missing or not a Polygon / MultiPolygon.</summary>
    UnsupportedGeometry,
    /// <summary>A position is not an array of two or three numbers.</summary>
    InvalidPosition,
    /// <summary>A ring has fewer than four positions.</summary>
    TooFewPositions,
    /// <summary>A ring's last position differs from its first.</summary>
    UnclosedRing,
    /// <summary>A ring crosses itself, or rings of one polygon cross each other.</summary>
    SelfIntersection,
    /// <summary>Other polygon topology errors: a hole outside its shell, nested shells, ...</summary>
    InvalidPolygon,
    /// <summary>A longitude outside [-180, 180] or a latitude outside [-90, 90].</summary>
    CoordinateOutOfRange,
    /// <summary>A position written [latitude, longitude]: out of range as GeoJSON's [longitude, latitude], valid swapped.</summary>
    LatitudeLongitudeSwapped,
    /// <summary>A polygon spans the ±180° meridian, which the registry does not support.</summary>
    CrossesAntimeridian,
}

/// <summary>
/// One problem found in a dome registry.
/// </summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="FeatureIndex">Index of the feature in <c>features</c> (0-based), null for problems of the whole file.</param>
/// <param name="FeatureId">The feature's id when it has one.</param>
/// <param name="Message">What is wrong, in words (it names the values involved).</param>
/// <param name="Where">Where in the file: a JSON path such as <c>features[2].geometry.coordinates[0][5]</c>, or a line and byte for syntax errors.</param>
public sealed record DomeRegistryProblem(
    DomeRegistryProblemKind Kind,
    int? FeatureIndex,
    string? FeatureId,
    string Message,
    string Where)
{
    /// <summary>"feature 2 (id 'dome-x'): message at where" — the line <c>rafecast domes check</c> prints.</summary>
    public override string ToString()
    {
        var feature = FeatureIndex is { } index
            ? FeatureId is { } id ? $"feature {index} (id '{id}')" : $"feature {index}"
            : "registry";
        return $"{feature}: {Message} at {Where}";
    }
}

/// <summary>A dome registry could not be loaded; <see cref="Problems"/> lists every problem found.</summary>
public sealed class DomeRegistryException : Exception
{
    public DomeRegistryException(string source, IReadOnlyList<DomeRegistryProblem> problems)
        : base(Describe(source, problems))
    {
        RegistrySource = source;
        Problems = problems;
    }

    public DomeRegistryException()
        : this("(unknown)", [])
    {
    }

    public DomeRegistryException(string message)
        : base(message)
    {
        Problems = [];
    }

    public DomeRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>The file (or other source) the registry was read from.</summary>
    public string RegistrySource { get; } = "(unknown)";

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<DomeRegistryProblem> Problems { get; }

    private static string Describe(string source, IReadOnlyList<DomeRegistryProblem> problems) => problems.Count switch
    {
        0 => $"The dome registry {source} is invalid.",
        1 => $"The dome registry {source} is invalid: {problems[0]}",
        _ => $"The dome registry {source} has {problems.Count} problems; the first: {problems[0]}",
    };
}
