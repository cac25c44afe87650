using BenchmarkDotNet.Attributes;
using RafeCast.Geo;
using RafeCast.Geo.Crossings;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Tagging;
using RafeCast.Geo.Tracks;

namespace RafeCast.Benchmarks.Geo;

/// <summary>
/// Tagging 2-second segments of a one-hour, 10 Hz flight over 1,000 domes, one operation per segment.
/// The baseline interpolates only the start and end positions (the least a tagger does); the full tagger
/// adds the track, crossings, domes at start and end, nearest boundary and geohashes. Also: live
/// per-sample classification with crossing detection, one operation per sample.
/// </summary>
[MemoryDiagnoser]
public class SegmentTaggingBenchmarks
{
    private const int Segments = 1800;
    private const int LiveSamples = 2000;
    private static readonly TimeSpan SegmentLength = TimeSpan.FromSeconds(2);

    private TrackSnapshot _track = new([], new GeoOptions());
    private SegmentTagger _tagger = new(DomeRegistry.Empty);
    private SampleClassifier _classifier = new(DomeRegistry.Empty);
    private Core.Telemetry.TelemetrySample[] _samples = [];

    [GlobalSetup]
    public void Setup()
    {
        var registry = DomeRegistry.Create(GeoBenchmarkWorld.Domes(1_000));
        var flight = GeoBenchmarkWorld.Flight(TimeSpan.FromHours(1));
        _track = new TrackSnapshot(flight, new GeoOptions());
        _tagger = new SegmentTagger(registry);
        _classifier = new SampleClassifier(registry);
        _samples = [.. flight.Take(LiveSamples)];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Segments)]
    public int StartAndEndPositionsOnly()
    {
        var known = 0;
        for (var i = 0; i < Segments; i++)
        {
            var start = GeoBenchmarkWorld.T0 + (SegmentLength * i);
            known += _track.PositionAt(start) is not null && _track.PositionAt(start + SegmentLength) is not null ? 1 : 0;
        }
        return known;
    }

    [Benchmark(OperationsPerInvoke = Segments)]
    public int TagSegments()
    {
        var crossings = 0;
        for (var i = 0; i < Segments; i++)
        {
            var start = GeoBenchmarkWorld.T0 + (SegmentLength * i);
            crossings += _tagger.Tag(_track, start, start + SegmentLength).Crossings.Count;
        }
        return crossings;
    }

    [Benchmark(OperationsPerInvoke = LiveSamples)]
    public int ClassifyLiveSamples()
    {
        // Start each run afresh, or the classifier would see the first sample as older than the last one.
        _classifier.Reset(_samples[0].Vehicle);
        var crossings = 0;
        foreach (var sample in _samples)
        {
            crossings += _classifier.Classify(sample).Crossings.Count;
        }
        return crossings;
    }
}
