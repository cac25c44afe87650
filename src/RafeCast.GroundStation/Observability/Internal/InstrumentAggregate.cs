using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RafeCast.GroundStation.Observability.Internal;

/// <summary>How an instrument's measurements become a Prometheus metric family.</summary>
internal enum PrometheusType
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>The running aggregate of one instrument: one series per distinct tag set.</summary>
internal abstract class InstrumentAggregate
{
    protected InstrumentAggregate(Instrument instrument, PrometheusType type, bool observable)
    {
        Instrument = instrument;
        Type = type;
        Observable = observable;
        Name = PrometheusNames.Metric(instrument.Name, instrument.Unit, type);
    }

    public Instrument Instrument { get; }

    /// <summary>The metric family name, e.g. <c>rafecast_station_segments_closed_total</c>.</summary>
    public string Name { get; }

    public PrometheusType Type { get; }

    /// <summary>True for observable instruments: their series are re-read on every scrape.</summary>
    public bool Observable { get; }

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Forgets the series of an observable instrument before it is observed again.</summary>
    public abstract void Reset();

    public abstract IEnumerable<(TagSet Tags, object Series)> Series();

    /// <summary>The aggregate for <paramref name="instrument"/>, or null for an instrument kind Prometheus has no form for.</summary>
    public static InstrumentAggregate? For(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return new SumAggregate(instrument, PrometheusType.Counter);
        }
        if (definition == typeof(UpDownCounter<>))
        {
            return new SumAggregate(instrument, PrometheusType.Gauge);
        }
        if (definition == typeof(ObservableCounter<>))
        {
            return new LastValueAggregate(instrument, PrometheusType.Counter, observable: true);
        }
        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>))
        {
            return new LastValueAggregate(instrument, PrometheusType.Gauge, observable: true);
        }
        if (definition == typeof(Gauge<>))
        {
            return new LastValueAggregate(instrument, PrometheusType.Gauge, observable: false);
        }
        if (definition == typeof(Histogram<>))
        {
            return new HistogramAggregate(instrument, HistogramBuckets.For(instrument));
        }
        return null;
    }
}

/// <summary>An aggregate whose series are looked up by tags without allocating once they exist.</summary>
internal abstract class SeriesAggregate<TSeries>(Instrument instrument, PrometheusType type, bool observable)
    : InstrumentAggregate(instrument, type, observable)
    where TSeries : class
{
    private readonly ConcurrentDictionary<TagSet, Entry> _series = new(TagSetComparer.Instance);

    // The series recorded last, checked first by reference: a stage usually records the same static
    // tags again and again, and this skips hashing them.
    private Entry? _last;

    protected TSeries SeriesFor(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && last.SameReferences(tags))
        {
            return last.Series;
        }
        var lookup = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        if (!lookup.TryGetValue(tags, out var entry))
        {
            entry = _series.GetOrAdd(TagSet.From(tags), static (key, state) => new Entry(key, state.Item1.ToArray(), state.Item2.CreateSeries()), (tags.ToArray(), this));
        }
        Volatile.Write(ref _last, entry);
        return entry.Series;
    }

    protected abstract TSeries CreateSeries();

    public override void Reset()
    {
        _series.Clear();
        Volatile.Write(ref _last, null);
    }

    public override IEnumerable<(TagSet Tags, object Series)> Series() => _series.Select(p => (p.Key, (object)p.Value.Series));

    /// <summary>A series with the tag objects it was first recorded with (for the by-reference check).</summary>
    private sealed class Entry(TagSet tags, KeyValuePair<string, object?>[] recorded, TSeries series)
    {
        public TagSet Tags { get; } = tags;

        public TSeries Series { get; } = series;

        public bool SameReferences(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length != recorded.Length)
            {
                return false;
            }
            for (var i = 0; i < tags.Length; i++)
            {
                if (!ReferenceEquals(tags[i].Key, recorded[i].Key) || !ReferenceEquals(tags[i].Value, recorded[i].Value))
                {
                    return false;
                }
            }
            return true;
        }
    }
}

/// <summary>A double updated atomically.</summary>
internal sealed class AtomicDouble
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Add(double delta)
    {
        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + delta, current);
            // Compare bits, so a NaN sum cannot spin forever.
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }
            current = seen;
        }
    }

    public void Set(double value) => Volatile.Write(ref _value, value);
}

internal sealed class SumAggregate(Instrument instrument, PrometheusType type) : SeriesAggregate<AtomicDouble>(instrument, type, observable: false)
{
    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => SeriesFor(tags).Add(value);

    protected override AtomicDouble CreateSeries() => new();
}

internal sealed class LastValueAggregate(Instrument instrument, PrometheusType type, bool observable) : SeriesAggregate<AtomicDouble>(instrument, type, observable)
{
    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => SeriesFor(tags).Set(value);

    protected override AtomicDouble CreateSeries() => new();
}

/// <summary>Cumulative-ready histogram state: a count per bucket (the last is +Inf), the sum and the count.</summary>
internal sealed class HistogramSeries(int buckets)
{
    public long[] BucketCounts { get; } = new long[buckets + 1];

    public AtomicDouble Sum { get; } = new();

    public long Count;
}

internal sealed class HistogramAggregate(Instrument instrument, double[] bounds) : SeriesAggregate<HistogramSeries>(instrument, PrometheusType.Histogram, observable: false)
{
    /// <summary>Upper bounds of the buckets, ascending (a value lands in the first bucket whose bound is ≥ it).</summary>
    public double[] Bounds { get; } = bounds;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = SeriesFor(tags);
        var index = Array.BinarySearch(Bounds, value);
        var bucket = index >= 0 ? index : ~index;
        Interlocked.Increment(ref series.BucketCounts[bucket]);
        series.Sum.Add(value);
        Interlocked.Increment(ref series.Count);
    }

    protected override HistogramSeries CreateSeries() => new(Bounds.Length);
}
