using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using RafeCast.GroundStation.Observability.Internal;

namespace RafeCast.GroundStation.Observability;

/// <summary>
/// Listens to every meter whose name starts with <c>RafeCast.</c> (System.Diagnostics.Metrics) and
/// writes what they measured in the Prometheus text exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/): counters as <c>_total</c>,
/// up-down counters and gauges as gauges, histograms with cumulative <c>_bucket{le=..}</c>, <c>_sum</c>
/// and <c>_count</c>. Recording a measurement takes no lock and, once its series exists, allocates nothing
/// for string tags.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>Meters with this name prefix are exported.</summary>
    public const string MeterPrefix = "RafeCast.";

    /// <summary>The HTTP content type of <see cref="Scrape"/>'s text.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> _aggregates = new();
    private readonly IMeterFactory? _scope;
    private readonly Lock _scrapeGate = new();

    /// <param name="scope">
    /// The dependency-injection container's meter factory: meters it created belong to this host, meters
    /// of other factories (another host in the same process, as in tests) are left out. Static meters
    /// (no factory) are always exported.
    /// </param>
    /// <param name="stationMetrics">Taken so the station's own instruments exist (at zero) from the first scrape.</param>
    public PrometheusExporter(IMeterFactory? scope = null, StationMetrics? stationMetrics = null)
    {
        _ = stationMetrics;
        _scope = scope;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal)
                || (instrument.Meter.Scope is { } owner && !ReferenceEquals(owner, _scope)))
            {
                return;
            }
            if (InstrumentAggregate.For(instrument) is { } aggregate && _aggregates.TryAdd(instrument, aggregate))
            {
                listener.EnableMeasurementEvents(instrument, aggregate);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _aggregates.TryRemove(instrument, out InstrumentAggregate? _);
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Observes the observable instruments and returns every exported metric as Prometheus text.</summary>
    public string Scrape()
    {
        lock (_scrapeGate)
        {
            foreach (var aggregate in _aggregates.Values.Where(a => a.Observable))
            {
                aggregate.Reset();
            }
            _listener.RecordObservableInstruments();
            var text = new StringBuilder(4096);
            foreach (var family in _aggregates.Values.GroupBy(a => a.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                WriteFamily(text, family.Key, [.. family]);
            }
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static void WriteFamily(StringBuilder text, string name, InstrumentAggregate[] aggregates)
    {
        var first = aggregates[0];
        // Two instruments that map to one name must agree on the type; a conflicting one is left out.
        var members = aggregates.Where(a => a.Type == first.Type).ToArray();
        var description = members.Select(a => a.Instrument.Description).FirstOrDefault(d => !string.IsNullOrEmpty(d)) ?? first.Instrument.Name;
        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(description)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(first.Type switch
        {
            PrometheusType.Counter => "counter",
            PrometheusType.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');

        if (first.Type == PrometheusType.Histogram)
        {
            WriteHistograms(text, name, members.Cast<HistogramAggregate>().ToArray());
            return;
        }
        // Series with the same labels in another order (or from a second instrument) are one series.
        var merged = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var aggregate in members)
        {
            foreach (var (tags, series) in aggregate.Series())
            {
                var labels = Labels(tags, extra: null);
                var value = ((AtomicDouble)series).Value;
                merged[labels] = merged.TryGetValue(labels, out var existing) && first.Type == PrometheusType.Counter ? existing + value : value;
            }
        }
        foreach (var (labels, value) in merged)
        {
            text.Append(name).Append(labels).Append(' ').Append(Number(value)).Append('\n');
        }
    }

    private static void WriteHistograms(StringBuilder text, string name, HistogramAggregate[] aggregates)
    {
        var bounds = aggregates[0].Bounds;
        var merged = new SortedDictionary<string, (TagSet Tags, long[] Buckets, double Sum, long Count)>(StringComparer.Ordinal);
        foreach (var aggregate in aggregates.Where(a => a.Bounds.AsSpan().SequenceEqual(bounds)))
        {
            foreach (var (tags, series) in aggregate.Series())
            {
                var histogram = (HistogramSeries)series;
                var key = Labels(tags, extra: null);
                var buckets = new long[histogram.BucketCounts.Length];
                for (var i = 0; i < buckets.Length; i++)
                {
                    buckets[i] = Interlocked.Read(ref histogram.BucketCounts[i]);
                }
                var count = Interlocked.Read(ref histogram.Count);
                if (merged.TryGetValue(key, out var existing))
                {
                    for (var i = 0; i < buckets.Length; i++)
                    {
                        buckets[i] += existing.Buckets[i];
                    }
                    merged[key] = (tags, buckets, existing.Sum + histogram.Sum.Value, existing.Count + count);
                }
                else
                {
                    merged[key] = (tags, buckets, histogram.Sum.Value, count);
                }
            }
        }
        foreach (var (_, (tags, buckets, sum, count)) in merged)
        {
            long cumulative = 0;
            for (var i = 0; i < bounds.Length; i++)
            {
                cumulative += buckets[i];
                text.Append(name).Append("_bucket").Append(Labels(tags, ("le", Number(bounds[i])))).Append(' ').Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            cumulative += buckets[^1];
            // The +Inf bucket equals the count; counts are read one by one, so take the larger of the two.
            var total = Math.Max(cumulative, count);
            text.Append(name).Append("_bucket").Append(Labels(tags, ("le", "+Inf"))).Append(' ').Append(total.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append(name).Append("_sum").Append(Labels(tags, extra: null)).Append(' ').Append(Number(sum)).Append('\n');
            text.Append(name).Append("_count").Append(Labels(tags, extra: null)).Append(' ').Append(total.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static string Labels(TagSet tags, (string Key, string Value)? extra)
    {
        if (tags.Tags.Length == 0 && extra is null)
        {
            return string.Empty;
        }
        var pairs = tags.Tags
            .Select(t => (Key: PrometheusNames.Label(t.Key), t.Value))
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .ToList();
        if (extra is { } le)
        {
            pairs.RemoveAll(p => p.Key == le.Key);
            pairs.Add(le);
        }
        var builder = new StringBuilder("{");
        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }
            builder.Append(pairs[i].Key).Append("=\"").Append(EscapeLabelValue(pairs[i].Value)).Append('"');
        }
        return builder.Append('}').ToString();
    }

    /// <summary>Go-style float text as Prometheus parses it: shortest round-trip, NaN, +Inf, -Inf.</summary>
    internal static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string EscapeHelp(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabelValue(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
