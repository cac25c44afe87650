using System.Collections.Concurrent;
using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;
using RafeCast.Geo.Domes;

namespace RafeCast.Geo.Crossings;

/// <summary>Where one telemetry sample is relative to the domes, and the crossings since the vehicle's previous sample.</summary>
/// <param name="Sample">The sample classified.</param>
/// <param name="InsideDomeIds">Domes the sample is inside (below the ceiling, while valid), innermost first.</param>
/// <param name="AboveDomeIds">Domes the sample is over (inside the footprint, above the ceiling), innermost first.</param>
/// <param name="NearestBoundary">The nearest boundary of a valid dome, or null when no dome is valid.</param>
/// <param name="Crossings">Crossings between the vehicle's previous sample and this one, in time order.</param>
public sealed record SampleClassification(
    TelemetrySample Sample,
    IReadOnlyList<string> InsideDomeIds,
    IReadOnlyList<string> AboveDomeIds,
    BoundaryDistance? NearestBoundary,
    IReadOnlyList<DomeCrossing> Crossings);

/// <summary>
/// Classifies telemetry samples as they arrive, vehicle by vehicle: the domes each sample is in, the
/// distance to the nearest boundary, and the crossings since that vehicle's previous sample (which the
/// ground station publishes as <c>DomeCrossed</c>). Thread-safe; one instance serves every vehicle.
/// </summary>
/// <remarks>
/// A sample older than (or as old as) the vehicle's newest one is classified but yields no crossings:
/// crossings are only ever found forwards in time, so none is reported twice.
/// </remarks>
public sealed class SampleClassifier
{
    private readonly ConcurrentDictionary<VehicleId, VehicleState> _vehicles = new();
    private DomeCrossingDetector _detector;

    public SampleClassifier(DomeRegistry registry, GeoOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _detector = new DomeCrossingDetector(registry, (options ?? new GeoOptions()).GapThreshold);
    }

    /// <summary>The registry in use; replace it when the domes are rebuilt.</summary>
    public DomeRegistry Registry
    {
        get => Volatile.Read(ref _detector).Registry;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _detector, new DomeCrossingDetector(value, _detector.GapThreshold));
        }
    }

    /// <summary>Classifies <paramref name="sample"/> and finds the crossings since its vehicle's previous sample.</summary>
    public SampleClassification Classify(in TelemetrySample sample, FlightId? flight = null)
    {
        var detector = Volatile.Read(ref _detector);
        var registry = detector.Registry;
        var hits = registry.Hits(sample.Position, sample.TimeUtc);
        var inside = hits.Where(h => h.Presence == DomePresence.Inside).Select(h => registry.Domes[h.DomeIndex].Id).ToArray();
        var above = hits.Where(h => h.Presence == DomePresence.Above).Select(h => registry.Domes[h.DomeIndex].Id).ToArray();
        var nearest = registry.NearestBoundary(sample.Position.Point, sample.TimeUtc);

        IReadOnlyList<DomeCrossing> crossings = [];
        if (sample.Position.IsValid)
        {
            var state = _vehicles.GetOrAdd(sample.Vehicle, static _ => new VehicleState());
            lock (state)
            {
                if (state.Previous is not { } previous)
                {
                    state.Previous = sample;
                }
                else if (previous.TimeUtc < sample.TimeUtc)
                {
                    var found = new List<DomeCrossing>();
                    detector.Detect(previous, sample, flight, found);
                    crossings = found;
                    state.Previous = sample;
                }
            }
        }
        return new SampleClassification(sample, inside, above, nearest, crossings);
    }

    /// <summary>Forgets a vehicle's previous sample (a new flight starts from scratch).</summary>
    public void Reset(VehicleId vehicle) => _vehicles.TryRemove(vehicle, out _);

    private sealed class VehicleState
    {
        public TelemetrySample? Previous { get; set; }
    }
}
