using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using RafeCast.GroundStation.Observability;

namespace RafeCast.Benchmarks.GroundStation;

/// <summary>
/// What a stage pays per measurement while /metrics listens (PrometheusExporter's MeterListener) versus
/// the same counter and histogram with nothing listening (baseline, measured in the same run).
/// </summary>
[MemoryDiagnoser]
public class MetricsRecordingBenchmarks
{
    private static readonly KeyValuePair<string, object?> Link = new("link", "udpin:0.0.0.0:14550");
    private static readonly KeyValuePair<string, object?> Vehicle = new("vehicle", "1/1");
    private Meter _meter = null!;
    private Counter<long> _counter = null!;
    private Histogram<double> _histogram = null!;
    private PrometheusExporter? _exporter;

    [Params(false, true)]
    public bool Exported { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _meter = new Meter($"RafeCast.Bench{Guid.NewGuid():N}");
        _counter = _meter.CreateCounter<long>("rafecast.bench.frames");
        _histogram = _meter.CreateHistogram<double>("rafecast.bench.latency", "ms");
        _exporter = Exported ? new PrometheusExporter() : null;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _exporter?.Dispose();
        _meter.Dispose();
    }

    [Benchmark(Description = "Counter.Add, 2 string tags")]
    public void CounterAdd() => _counter.Add(1, Link, Vehicle);

    [Benchmark(Description = "Histogram.Record, 2 string tags")]
    public void HistogramRecord() => _histogram.Record(12.5, Link, Vehicle);
}
