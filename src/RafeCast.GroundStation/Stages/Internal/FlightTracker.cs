using RafeCast.Core.Flights;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.GroundStation.Configuration;
using RafeCast.Pipeline.Events;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Cuts each vehicle's time into flights: a flight starts when the vehicle arms and ends when it disarms, when
/// its link stays lost for <see cref="FlightOptions.LinkLossTimeout"/> (ending when it was last heard), or when
/// the station stops. Segments are filed under the armed flight they overlap, else under the vehicle's ground
/// flight of that UTC day. Thread-safe; time comes from the injected clock.
/// </summary>
internal sealed class FlightTracker : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly FlightOptions _options;
    private readonly Action<FlightSession> _ended;
    private readonly Dictionary<VehicleId, FlightSession> _open = [];
    private readonly List<FlightSession> _ending = [];
    private readonly Dictionary<(VehicleId Vehicle, DateOnly Day), FlightSession> _ground = [];
    private readonly Dictionary<VehicleId, ITimer> _linkLoss = [];

    /// <param name="time">The clock.</param>
    /// <param name="options">Link-loss timeout.</param>
    /// <param name="ended">Called (outside the lock) when a flight ends by a link-loss timeout.</param>
    public FlightTracker(TimeProvider time, FlightOptions options, Action<FlightSession> ended)
    {
        _time = time;
        _options = options;
        _ended = ended;
    }

    /// <summary>The vehicle armed at <paramref name="atUtc"/>: its new flight, or null when one is already open.</summary>
    public FlightSession? Arm(VehicleId vehicle, DateTimeOffset atUtc)
    {
        lock (_gate)
        {
            CancelLinkLossLocked(vehicle);
            if (_open.ContainsKey(vehicle))
            {
                return null;
            }
            var flight = new FlightSession(FlightId.Armed(vehicle, atUtc), vehicle, atUtc, isGround: false);
            _open[vehicle] = flight;
            return flight;
        }
    }

    /// <summary>Ends the vehicle's open flight at <paramref name="endUtc"/>; returns it, or null when none was open.</summary>
    public FlightSession? End(VehicleId vehicle, DateTimeOffset endUtc, FlightEndReason reason)
    {
        lock (_gate)
        {
            CancelLinkLossLocked(vehicle);
            if (!_open.Remove(vehicle, out var flight))
            {
                return null;
            }
            flight.End(endUtc, reason);
            _ending.Add(flight);
            return flight;
        }
    }

    /// <summary>The vehicle's link was lost: its flight ends at <paramref name="lastHeardUtc"/> unless it is heard again in time.</summary>
    public void LinkLost(VehicleId vehicle, DateTimeOffset lastHeardUtc)
    {
        lock (_gate)
        {
            if (!_open.ContainsKey(vehicle) || _linkLoss.ContainsKey(vehicle))
            {
                return;
            }
            var due = lastHeardUtc + _options.LinkLossTimeout - _time.GetUtcNow();
            _linkLoss[vehicle] = _time.CreateTimer(_ => OnLinkLossTimeout(vehicle, lastHeardUtc), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The vehicle was heard again: its flight goes on.</summary>
    public void LinkRegained(VehicleId vehicle)
    {
        lock (_gate)
        {
            CancelLinkLossLocked(vehicle);
        }
    }

    /// <summary>The vehicle's flight in progress, or null.</summary>
    public FlightSession? OpenFlight(VehicleId vehicle)
    {
        lock (_gate)
        {
            return _open.GetValueOrDefault(vehicle);
        }
    }

    /// <summary>The armed flight of <paramref name="vehicle"/> at <paramref name="atUtc"/>, or null (on the ground).</summary>
    public FlightId? ArmedFlightAt(VehicleId vehicle, DateTimeOffset atUtc)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(vehicle, out var open) && atUtc >= open.StartUtc)
            {
                return open.Id;
            }
            return _ending.FirstOrDefault(f => f.Vehicle == vehicle && atUtc >= f.StartUtc && atUtc < f.EndUtc)?.Id;
        }
    }

    /// <summary>
    /// Files <paramref name="segment"/> of <paramref name="vehicle"/>: under the armed flight it overlaps most (one
    /// not archived yet), else under the vehicle's ground flight of the segment's UTC day.
    /// </summary>
    public FlightSession Assign(VehicleId vehicle, VideoSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        lock (_gate)
        {
            FlightSession? best = null;
            var bestOverlap = 0.0;
            foreach (var flight in Candidates(vehicle))
            {
                var overlap = flight.OverlapSeconds(segment.StartUtc, segment.EndUtc);
                if (overlap > bestOverlap)
                {
                    best = flight;
                    bestOverlap = overlap;
                }
            }
            if (best is null)
            {
                var day = DateOnly.FromDateTime(segment.StartUtc.UtcDateTime);
                if (!_ground.TryGetValue((vehicle, day), out best) || best.Archived)
                {
                    best = new FlightSession(FlightId.Ground(vehicle, segment.StartUtc), vehicle, segment.StartUtc, isGround: true);
                    _ground[(vehicle, day)] = best;
                }
            }
            best.Record(segment);
            return best;
        }
    }

    /// <summary>Flights that ended and have their footage up to the end (or <paramref name="force"/>): marked archived and returned, to be archived once.</summary>
    public IReadOnlyList<FlightSession> TakeReadyToArchive(VehicleId vehicle, bool force = false)
    {
        lock (_gate)
        {
            var ready = _ending.Where(f => f.Vehicle == vehicle && (force || f.HasFootageToEnd)).ToList();
            foreach (var flight in ready)
            {
                _ending.Remove(flight);
                flight.MarkArchived();
            }
            return ready;
        }
    }

    /// <summary>Marks one ended flight archived; false when it already was.</summary>
    public bool TryTakeForArchive(FlightSession flight)
    {
        ArgumentNullException.ThrowIfNull(flight);
        lock (_gate)
        {
            if (flight.Archived || !_ending.Remove(flight))
            {
                return false;
            }
            flight.MarkArchived();
            return true;
        }
    }

    /// <summary>
    /// The station stops: ends every open flight at <paramref name="nowUtc"/> and returns every flight not archived
    /// yet (ended ones and ground flights), marked archived.
    /// </summary>
    public IReadOnlyList<FlightSession> EndAll(DateTimeOffset nowUtc)
    {
        lock (_gate)
        {
            foreach (var timer in _linkLoss.Values)
            {
                timer.Dispose();
            }
            _linkLoss.Clear();
            foreach (var flight in _open.Values)
            {
                flight.End(nowUtc, FlightEndReason.StationStopped);
                _ending.Add(flight);
            }
            _open.Clear();
            var all = _ending.Concat(_ground.Values.Where(g => !g.Archived)).ToList();
            foreach (var flight in all)
            {
                if (flight.IsGround)
                {
                    flight.End(flight.LastSegmentEndUtc ?? flight.StartUtc, FlightEndReason.StationStopped);
                }
                flight.MarkArchived();
            }
            _ending.Clear();
            return all;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var timer in _linkLoss.Values)
            {
                timer.Dispose();
            }
            _linkLoss.Clear();
        }
    }

    private IEnumerable<FlightSession> Candidates(VehicleId vehicle)
    {
        if (_open.TryGetValue(vehicle, out var open))
        {
            yield return open;
        }
        foreach (var ending in _ending)
        {
            if (ending.Vehicle == vehicle)
            {
                yield return ending;
            }
        }
    }

    private void OnLinkLossTimeout(VehicleId vehicle, DateTimeOffset lastHeardUtc)
    {
        FlightSession? ended;
        lock (_gate)
        {
            if (!_linkLoss.Remove(vehicle, out var timer))
            {
                return;
            }
            timer.Dispose();
            if (!_open.Remove(vehicle, out ended))
            {
                return;
            }
            ended.End(lastHeardUtc, FlightEndReason.LinkLost);
            _ending.Add(ended);
        }
        _ended(ended);
    }

    private void CancelLinkLossLocked(VehicleId vehicle)
    {
        if (_linkLoss.Remove(vehicle, out var timer))
        {
            timer.Dispose();
        }
    }
}
