using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Telemetry;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Tracks;

namespace RafeCast.Geo.Crossings;

/// <summary>
/// Finds where a vehicle crossed dome boundaries between two consecutive telemetry samples. Pure: the
/// same two samples always give the same crossings, live or when re-tagging a log.
/// </summary>
/// <remarks>
/// Between two samples the vehicle is taken to move in a straight line at constant speed (the same
/// interpolation the track uses). Along that line the presence in a dome can change only where the
/// line meets a footprint edge, where the altitude passes the ceiling, or where the dome's validity
/// starts or ends; the presence is evaluated between those points and each change becomes a crossing
/// at the point where it happens, with its time and position interpolated:
/// outside → inside is <see cref="CrossingDirection.Enter"/>, inside → outside or through the ceiling
/// <see cref="CrossingDirection.Exit"/>, and entering or leaving the airspace above the ceiling
/// <see cref="CrossingDirection.Over"/>. A dome that becomes valid around the vehicle counts as an
/// enter. Across a telemetry gap nothing is interpolated: a change of presence is reported at the
/// first sample after the gap, where it is first known. So every enter is matched by an exit or by
/// being inside at the end, along any track.
/// </remarks>
public sealed class DomeCrossingDetector
{
    private const double SameFraction = 1e-12;

    public DomeCrossingDetector(DomeRegistry registry, TimeSpan gapThreshold)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gapThreshold, TimeSpan.Zero);
        Registry = registry;
        GapThreshold = gapThreshold;
    }

    /// <summary>The domes crossings are detected against.</summary>
    public DomeRegistry Registry { get; }

    /// <summary>Two samples further apart than this are a telemetry gap.</summary>
    public TimeSpan GapThreshold { get; }

    /// <summary>
    /// Appends to <paramref name="crossings"/> the crossings between <paramref name="from"/> and the later
    /// <paramref name="to"/> (same vehicle), in time order. Nothing when <paramref name="to"/> is not later.
    /// </summary>
    public void Detect(in TelemetrySample from, in TelemetrySample to, FlightId? flight, List<DomeCrossing> crossings)
    {
        ArgumentNullException.ThrowIfNull(crossings);
        var spanTicks = to.TimeUtc.UtcTicks - from.TimeUtc.UtcTicks;
        if (spanTicks <= 0 || Registry.Count == 0)
        {
            return;
        }
        var a = from.Position;
        var b = to.Position;
        var candidates = new List<int>();
        Registry.CollectCandidates(Math.Min(a.Longitude, b.Longitude), Math.Min(a.Latitude, b.Latitude),
            Math.Max(a.Longitude, b.Longitude), Math.Max(a.Latitude, b.Latitude), candidates);
        if (candidates.Count == 0)
        {
            return;
        }
        var firstNew = crossings.Count;
        var isGap = spanTicks > GapThreshold.Ticks;
        var fractions = new List<double>();
        foreach (var dome in candidates)
        {
            var start = Registry.PresenceIn(dome, a.Latitude, a.Longitude, a.AltitudeRelative, from.TimeUtc);
            var end = Registry.PresenceIn(dome, b.Latitude, b.Longitude, b.AltitudeRelative, to.TimeUtc);
            if (isGap)
            {
                if (start != end)
                {
                    crossings.Add(Crossing(dome, start, end, to.Vehicle, flight, to.TimeUtc, b));
                }
                continue;
            }
            fractions.Clear();
            fractions.Add(0);
            Registry.Footprint(dome).AddBoundaryCrossings(a.Longitude, a.Latitude, b.Longitude, b.Latitude, fractions);
            AddCeilingCrossing(Registry.CeilingMetres(dome), a.AltitudeRelative, b.AltitudeRelative, fractions);
            var validity = Registry.Domes[dome].Validity;
            AddInstant(validity.From, from.TimeUtc, spanTicks, fractions);
            AddInstant(validity.To, from.TimeUtc, spanTicks, fractions);
            fractions.Add(1);
            fractions.Sort();

            var previous = start;
            var breakpoint = 0.0;
            for (var i = 0; i + 1 < fractions.Count; i++)
            {
                var t0 = fractions[i];
                var t1 = fractions[i + 1];
                if (t1 - t0 <= SameFraction)
                {
                    continue;
                }
                var mid = (t0 + t1) / 2;
                var (time, position) = At(from, to, spanTicks, mid);
                var presence = Registry.PresenceIn(dome, position.Latitude, position.Longitude, position.AltitudeRelative, time);
                if (presence != previous)
                {
                    var (crossingTime, crossingPosition) = At(from, to, spanTicks, breakpoint);
                    crossings.Add(Crossing(dome, previous, presence, to.Vehicle, flight, crossingTime, crossingPosition));
                    previous = presence;
                }
                breakpoint = t1;
            }
            if (end != previous)
            {
                crossings.Add(Crossing(dome, previous, end, to.Vehicle, flight, to.TimeUtc, b));
            }
        }
        if (crossings.Count - firstNew > 1)
        {
            crossings.Sort(firstNew, crossings.Count - firstNew, CrossingOrder.Instance);
        }
    }

    /// <summary>Every crossing along a track, in time order.</summary>
    public IReadOnlyList<DomeCrossing> Detect(TrackSnapshot track, FlightId? flight = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        var crossings = new List<DomeCrossing>();
        var samples = track.Span;
        for (var i = 1; i < samples.Length; i++)
        {
            Detect(samples[i - 1], samples[i], flight, crossings);
        }
        return crossings;
    }

    /// <summary>The crossing direction of a change of presence.</summary>
    public static CrossingDirection DirectionOf(DomePresence before, DomePresence after) => (before, after) switch
    {
        (_, DomePresence.Inside) => CrossingDirection.Enter,
        (DomePresence.Inside, _) => CrossingDirection.Exit,
        _ => CrossingDirection.Over,
    };

    private DomeCrossing Crossing(int dome, DomePresence before, DomePresence after, Core.Vehicles.VehicleId vehicle, FlightId? flight, DateTimeOffset time, GeoPosition position) =>
        new(vehicle, flight, Registry.Domes[dome].Id, DirectionOf(before, after), time, position);

    private static (DateTimeOffset Time, GeoPosition Position) At(in TelemetrySample from, in TelemetrySample to, long spanTicks, double fraction)
    {
        if (fraction <= 0)
        {
            return (from.TimeUtc, from.Position);
        }
        if (fraction >= 1)
        {
            return (to.TimeUtc, to.Position);
        }
        var time = new DateTimeOffset(from.TimeUtc.UtcTicks + (long)Math.Round(fraction * spanTicks), TimeSpan.Zero);
        return (time, GeoPosition.Lerp(from.Position, to.Position, fraction));
    }

    private static void AddCeilingCrossing(double ceiling, double altitudeFrom, double altitudeTo, List<double> fractions)
    {
        if (double.IsFinite(ceiling) && altitudeFrom != altitudeTo &&
            (altitudeFrom - ceiling) * (altitudeTo - ceiling) <= 0)
        {
            fractions.Add(Math.Clamp((ceiling - altitudeFrom) / (altitudeTo - altitudeFrom), 0, 1));
        }
    }

    private static void AddInstant(DateTimeOffset? instant, DateTimeOffset from, long spanTicks, List<double> fractions)
    {
        if (instant is { } at)
        {
            var offset = at.UtcTicks - from.UtcTicks;
            if (offset > 0 && offset < spanTicks)
            {
                fractions.Add((double)offset / spanTicks);
            }
        }
    }

    private sealed class CrossingOrder : IComparer<DomeCrossing>
    {
        public static readonly CrossingOrder Instance = new();

        public int Compare(DomeCrossing? x, DomeCrossing? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byTime = x.TimeUtc.UtcTicks.CompareTo(y.TimeUtc.UtcTicks);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.DomeId, y.DomeId);
        }
    }
}
