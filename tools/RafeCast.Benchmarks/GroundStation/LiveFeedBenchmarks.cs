using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Live;
using RafeCast.Pipeline.Events;

namespace RafeCast.Benchmarks.GroundStation;

/// <summary>
/// What a telemetry fix costs the stage that publishes it, with nobody watching (baseline) and with
/// viewers connected, one of which never reads (its queue is full, so every update drops its oldest).
/// </summary>
[MemoryDiagnoser]
public class LiveFeedBenchmarks
{
    private readonly List<LiveSubscription> _subscriptions = [];
    private LiveStationModel _model = null!;
    private LiveFeed _feed = null!;
    private long _tick;

    [Params(0, 4)]
    public int Viewers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _feed = new LiveFeed();
        _model = new LiveStationModel(Options.Create(new LiveModelOptions()), Options.Create(new StationOptions()), TimeProvider.System, _feed);
        for (var i = 0; i < Viewers; i++)
        {
            _subscriptions.Add(_feed.Subscribe(256));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    [Benchmark(Description = "TelemetryReceived -> live model (+ feed)")]
    public void ApplyTelemetry()
    {
        var tick = ++_tick;
        var sample = new TelemetrySample(DateTimeOffset.UnixEpoch.AddMilliseconds(tick), VehicleId.Autopilot(1),
            new GeoPosition(51.5 + (tick % 1000 * 1e-6), -0.1, 52, 40), null, 90, 8.5, "bench");
        _model.Apply(new TelemetryReceived(sample));
        // The viewers stay full: like a phone that stopped reading, they drop their oldest update.
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Reader.Count > 200)
            {
                subscription.Reader.TryRead(out _);
            }
        }
    }
}
