using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RafeCast.GroundStation.Tests.Support;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/), written from the spec for the tests:
/// it rejects what a Prometheus server would reject, and checks histogram invariants.
/// </summary>
internal static partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed record Exposition(IReadOnlyDictionary<string, string> Types, IReadOnlyList<Sample> Samples)
    {
        /// <summary>The value of the one series with <paramref name="name"/> and exactly these labels; null when absent.</summary>
        public double? Value(string name, params (string Key, string Value)[] labels) =>
            Samples.SingleOrDefault(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))?.Value;

        /// <summary>The sum over every series named <paramref name="name"/> that has these labels (and maybe others).</summary>
        public double Sum(string name, params (string Key, string Value)[] labels) =>
            Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static Exposition Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        var seenSeries = new HashSet<string>(StringComparer.Ordinal);
        var familiesWithSamples = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[1] == "TYPE")
                {
                    Check(parts.Length == 4 && MetricName().IsMatch(parts[2]), lineNumber, line, "malformed TYPE");
                    Check(parts[3] is "counter" or "gauge" or "histogram" or "summary" or "untyped", lineNumber, line, "unknown type");
                    Check(types.TryAdd(parts[2], parts[3]), lineNumber, line, "second TYPE for the family");
                    Check(!familiesWithSamples.Contains(parts[2]), lineNumber, line, "TYPE after the family's samples");
                }
                else if (parts.Length >= 3 && parts[1] == "HELP")
                {
                    Check(MetricName().IsMatch(parts[2]), lineNumber, line, "malformed HELP");
                }
                continue;
            }
            var sample = ParseSample(line, lineNumber);
            Check(seenSeries.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}"), lineNumber, line, "duplicate series");
            familiesWithSamples.Add(FamilyOf(sample.Name, types));
            samples.Add(sample);
        }
        Check(text.Length == 0 || text.EndsWith('\n'), lineNumber, "<end>", "the text must end with a line feed");
        CheckHistograms(types, samples);
        return new Exposition(types, samples);
    }

    private static string FamilyOf(string sampleName, Dictionary<string, string> types)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(sampleName[..^suffix.Length], out var type) && type is "histogram" or "summary")
            {
                return sampleName[..^suffix.Length];
            }
        }
        return sampleName;
    }

    private static Sample ParseSample(string line, int lineNumber)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' '))
        {
            i++;
        }
        var name = line[..i];
        Check(MetricName().IsMatch(name), lineNumber, line, "bad metric name");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                Check(eq > i, lineNumber, line, "label without '='");
                var key = line[i..eq];
                Check(LabelName().IsMatch(key) && !key.StartsWith("__", StringComparison.Ordinal), lineNumber, line, $"bad label name '{key}'");
                Check(line[eq + 1] == '"', lineNumber, line, "label value not quoted");
                var value = new StringBuilder();
                var j = eq + 2;
                for (; line[j] != '"'; j++)
                {
                    if (line[j] == '\\')
                    {
                        j++;
                        value.Append(line[j] switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            _ => throw new FormatException($"line {lineNumber}: bad escape '\\{line[j]}' in {line}"),
                        });
                    }
                    else
                    {
                        Check(line[j] != '\n', lineNumber, line, "raw newline in a label value");
                        value.Append(line[j]);
                    }
                }
                Check(labels.TryAdd(key, value.ToString()), lineNumber, line, $"label '{key}' twice");
                i = j + 1;
                if (line[i] == ',')
                {
                    i++;
                }
                else
                {
                    Check(line[i] == '}', lineNumber, line, "expected ',' or '}' after a label");
                }
            }
            i++;
        }
        Check(i < line.Length && line[i] == ' ', lineNumber, line, "expected a space before the value");
        var rest = line[(i + 1)..].Split(' ');
        Check(rest.Length is 1 or 2, lineNumber, line, "expected a value and an optional timestamp");
        var value2 = rest[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"line {lineNumber}: '{rest[0]}' is not a number in {line}"),
        };
        return new Sample(name, labels, value2);
    }

    private static void CheckHistograms(Dictionary<string, string> types, List<Sample> samples)
    {
        foreach (var (family, _) in types.Where(t => t.Value == "histogram"))
        {
            var buckets = samples.Where(s => s.Name == family + "_bucket").ToList();
            foreach (var series in buckets.GroupBy(b => string.Join(",", b.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))))
            {
                var ordered = series.Select(b => (Le: b.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(b.Labels["le"], CultureInfo.InvariantCulture), b.Value)).OrderBy(b => b.Le).ToList();
                Check(double.IsPositiveInfinity(ordered[^1].Le), 0, family, "histogram without a +Inf bucket");
                for (var k = 1; k < ordered.Count; k++)
                {
                    Check(ordered[k].Value >= ordered[k - 1].Value, 0, family, "histogram buckets are not cumulative");
                }
                var labels = series.First().Labels.Where(l => l.Key != "le").ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
                var count = samples.Single(s => s.Name == family + "_count" && s.Labels.Count == labels.Count && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));
                Check(count.Value == ordered[^1].Value, 0, family, "+Inf bucket differs from _count");
                Check(samples.Any(s => s.Name == family + "_sum" && s.Labels.Count == labels.Count), 0, family, "histogram without _sum");
            }
        }
    }

    private static void Check(bool condition, int lineNumber, string line, string problem)
    {
        if (!condition)
        {
            throw new FormatException($"line {lineNumber}: {problem}: {line}");
        }
    }
}
