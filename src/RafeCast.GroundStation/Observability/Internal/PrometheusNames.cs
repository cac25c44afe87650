using System.Text;

namespace RafeCast.GroundStation.Observability.Internal;

/// <summary>
/// Metric and label names as Prometheus allows them (https://prometheus.io/docs/concepts/data_model/):
/// dots become underscores, the unit is a suffix, counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    public static string Metric(string instrumentName, string? unit, PrometheusType type)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        if (UnitSuffix(unit) is { } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }
        if (type == PrometheusType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }
        return name;
    }

    public static string Label(string key)
    {
        var name = Sanitize(key, allowColon: false);
        // Names starting with "__" are reserved for Prometheus itself.
        return name.StartsWith("__", StringComparison.Ordinal) ? "tag" + name : name;
    }

    /// <summary>The suffix for a UCUM unit, or null for annotations like <c>{segment}</c> and units without a Prometheus name.</summary>
    public static string? UnitSuffix(string? unit) => unit switch
    {
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "m" => "meters",
        "%" => "percent",
        "Hz" => "hertz",
        "1" => "ratio",
        _ => null,
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }
        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }
}
