using System.Globalization;
using System.Text;
using RafeCast.Core.Geodesy;
using RafeCast.Storage.Layout;

namespace RafeCast.Storage.Archive;

/// <summary>
/// What an editor looks for. Every filter is optional; together they are ANDed. Dome, time, vehicle, pilot and
/// crossings become a blob-index-tag query over the segment blobs; <see cref="Near"/> is applied afterwards to
/// the positions in the flights' manifests.
/// </summary>
public sealed record ArchiveQuery
{
    /// <summary>A dome id, or <c>outside</c>: the segment's dome at its start.</summary>
    public string? Dome { get; init; }

    /// <summary>Segments that started at or after this instant (UTC).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Segments that started before this instant (UTC).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Centre of the radius filter, degrees.</summary>
    public GeoPoint? Near { get; init; }

    /// <summary>Radius of the radius filter, metres.</summary>
    public double? RadiusMetres { get; init; }

    /// <summary>MAVLink system id of the vehicle.</summary>
    public byte? Vehicle { get; init; }

    /// <summary>The pilot's name (matched after the same sanitising the tags went through).</summary>
    public string? Pilot { get; init; }

    /// <summary>Only segments with a dome boundary crossing.</summary>
    public bool CrossingsOnly { get; init; }

    /// <summary>One flight id.</summary>
    public string? Flight { get; init; }

    /// <summary>The blob index tag filter (https://learn.microsoft.com/rest/api/storageservices/find-blobs-by-tags#constructing-a-search-expression).</summary>
    public string ToTagFilter()
    {
        var sb = new StringBuilder("\"kind\" = 'segment'");
        void And(string key, string op, string value) => sb.Append(CultureInfo.InvariantCulture, $" AND \"{key}\" {op} {BlobIndexTags.Quote(value)}");
        if (Flight is { } flight)
        {
            And(BlobIndexTags.Flight, "=", flight);
        }
        if (Dome is { } dome)
        {
            And(BlobIndexTags.Dome, "=", dome);
        }
        if (From is { } from)
        {
            And(BlobIndexTags.Captured, ">=", BlobIndexTags.Time(from));
        }
        if (To is { } to)
        {
            And(BlobIndexTags.Captured, "<", BlobIndexTags.Time(to));
        }
        if (Vehicle is { } vehicle)
        {
            And(BlobIndexTags.Vehicle, "=", vehicle.ToString(CultureInfo.InvariantCulture));
        }
        if (Pilot is { } pilot)
        {
            And(BlobIndexTags.Pilot, "=", pilot);
        }
        if (CrossingsOnly)
        {
            And(BlobIndexTags.Crossing, "=", "yes");
        }
        return sb.ToString();
    }

    /// <summary>Parses <c>LAT,LON,RADIUS_M</c> (degrees, degrees, metres).</summary>
    /// <exception cref="FormatException">The text is not three numbers in range; the message says which part.</exception>
    public static (GeoPoint Centre, double RadiusMetres) ParseNear(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var radius))
        {
            throw new FormatException($"'{text}' is not LAT,LON,RADIUS_M (e.g. 47.3769,8.5417,500).");
        }
        var centre = new GeoPoint(lat, lon);
        if (!centre.IsValid)
        {
            throw new FormatException($"'{text}': latitude must be in [-90, 90] and longitude in [-180, 180].");
        }
        if (!(radius > 0) || !double.IsFinite(radius))
        {
            throw new FormatException($"'{text}': the radius must be a positive number of metres.");
        }
        return (centre, radius);
    }

    /// <summary>Parses an ISO-8601 instant; a value without offset is taken as UTC.</summary>
    /// <exception cref="FormatException">Not an ISO-8601 date/time.</exception>
    public static DateTimeOffset ParseInstant(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }
        throw new FormatException($"{what} '{text}' is not an ISO-8601 time such as 2026-11-26T10:30:00Z.");
    }

    /// <summary>
    /// Parses the compact form <c>rafecast archive pull --query</c> takes: space- or comma-separated
    /// <c>dome=ID</c>, <c>from=ISO</c>, <c>to=ISO</c>, <c>near=LAT;LON;RADIUS_M</c>, <c>vehicle=N</c>, <c>pilot=NAME</c>,
    /// <c>flight=ID</c> and the flag <c>crossings</c> — the same filters as <c>rafecast archive search</c>.
    /// </summary>
    /// <exception cref="FormatException">Unknown key or bad value; the message names it.</exception>
    public static ArchiveQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var query = new ArchiveQuery();
        foreach (var term in text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = term.IndexOf('=', StringComparison.Ordinal);
            var key = (eq < 0 ? term : term[..eq]).ToLowerInvariant();
            var value = eq < 0 ? string.Empty : term[(eq + 1)..];
            query = key switch
            {
                "crossings" when eq < 0 => query with { CrossingsOnly = true },
                "dome" => query with { Dome = NonEmpty(key, value) },
                "from" => query with { From = ParseInstant(value, "from") },
                "to" => query with { To = ParseInstant(value, "to") },
                "vehicle" => query with { Vehicle = byte.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"vehicle '{value}' is not a system id 0-255.") },
                "pilot" => query with { Pilot = NonEmpty(key, value).Replace('+', ' ') },
                "flight" => query with { Flight = NonEmpty(key, value) },
                "near" => WithNear(query, value),
                _ => throw new FormatException($"'{term}' is not a query term (dome=, from=, to=, near=LAT;LON;RADIUS_M, vehicle=, pilot=, flight=, crossings)."),
            };
        }
        return query;
    }

    private static ArchiveQuery WithNear(ArchiveQuery query, string value)
    {
        try
        {
            var (centre, radius) = ParseNear(value.Replace(';', ','));
            return query with { Near = centre, RadiusMetres = radius };
        }
        catch (FormatException)
        {
            throw new FormatException($"near={value} is not near=LAT;LON;RADIUS_M (e.g. near=47.3769;8.5417;500).");
        }
    }

    private static string NonEmpty(string key, string value) =>
        value.Length > 0 ? value : throw new FormatException($"{key}= needs a value.");
}
