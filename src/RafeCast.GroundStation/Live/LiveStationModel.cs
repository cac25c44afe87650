using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Json;
using RafeCast.GroundStation.Live.Internal;
using RafeCast.Pipeline.Events;

namespace RafeCast.GroundStation.Live;

/// <summary>
/// The station's live picture of the world, fed by pipeline notifications: vehicles with their latest
/// position and recent track, live streams, the domes each vehicle is inside, crossings and gaps.
/// Thread-safe; every collection is bounded (<see cref="LiveModelOptions"/>); every change is pushed to
/// the <see cref="LiveFeed"/> without waiting for any viewer.
/// </summary>
public sealed class LiveStationModel
{
    private readonly LiveModelOptions _options;
    private readonly string? _configuredPilot;
    private readonly TimeProvider _time;
    private readonly LiveFeed _feed;
    private readonly ConcurrentDictionary<VehicleId, VehicleEntry> _vehicles = new();
    private readonly ConcurrentDictionary<StreamId, StreamEntry> _streams = new();
    private readonly Lock _streamsGate = new();
    private readonly Lock _historyGate = new();
    private readonly RingBuffer<CrossingView> _crossings;
    private readonly RingBuffer<GapView> _gaps;
    private long _segmentsTagged;
    private long _segmentsPublished;

    public LiveStationModel(IOptions<LiveModelOptions> options, IOptions<StationOptions> station, TimeProvider time, LiveFeed feed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(station);
        _options = options.Value;
        _configuredPilot = station.Value.Pilot;
        _time = time;
        _feed = feed;
        _crossings = new RingBuffer<CrossingView>(_options.Crossings);
        _gaps = new RingBuffer<GapView>(_options.Gaps);
    }

    /// <summary>Vehicles whose link is up now.</summary>
    public int ConnectedVehicles => _vehicles.Values.Count(v => v.IsConnected);

    /// <summary>Streams that produced a segment within the idle timeout.</summary>
    public int LiveStreams
    {
        get
        {
            var now = _time.GetUtcNow();
            return _streams.Values.Count(s => s.IsLive(now, _options.StreamIdleTimeout));
        }
    }

    /// <summary>Segments tagged but not (yet) published, over the station's lifetime: a lower bound of the publisher's backlog.</summary>
    public long UnpublishedSegments => Math.Max(0, Interlocked.Read(ref _segmentsTagged) - Interlocked.Read(ref _segmentsPublished));

    public void Apply(VehicleConnected connected)
    {
        ArgumentNullException.ThrowIfNull(connected);
        var entry = VehicleEntryOf(connected.Vehicle, connected.AtUtc);
        var view = entry.Connect(connected.AtUtc, connected.Link);
        _feed.Publish("vehicle", view.Id, view, StationJsonContext.Default.VehicleView);
    }

    public void Apply(VehicleLinkLost lost)
    {
        ArgumentNullException.ThrowIfNull(lost);
        var entry = VehicleEntryOf(lost.Vehicle, lost.LastHeardUtc);
        var view = entry.Lose(lost.LastHeardUtc);
        _feed.Publish("vehicle", view.Id, view, StationJsonContext.Default.VehicleView);
    }

    public void Apply(TelemetryReceived telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        var sample = telemetry.Sample;
        if (!sample.Position.IsValid)
        {
            return;
        }
        var entry = VehicleEntryOf(sample.Vehicle, sample.TimeUtc);
        if (entry.Record(sample) is { } position)
        {
            _feed.Publish("position", position.Vehicle, position, StationJsonContext.Default.PositionView);
        }
    }

    public void Apply(DomeCrossed crossed)
    {
        ArgumentNullException.ThrowIfNull(crossed);
        var crossing = crossed.Crossing;
        var view = new CrossingView(
            crossing.Vehicle.ToString(), crossing.Flight?.Value, crossing.DomeId, DirectionName(crossing.Direction),
            crossing.TimeUtc, crossing.Position.Latitude, crossing.Position.Longitude, crossing.Position.AltitudeRelative);
        lock (_historyGate)
        {
            _crossings.Add(view);
        }
        VehicleEntryOf(crossing.Vehicle, crossing.TimeUtc).Cross(crossing);
        _feed.Publish("crossing", view.Vehicle, view, StationJsonContext.Default.CrossingView);
    }

    public void Apply(SegmentClosed closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        var segment = closed.Segment;
        var entry = StreamEntryOf(segment.Stream);
        entry.Close(segment, _time.GetUtcNow(), _options.StreamIdleTimeout);
        PublishStream(entry);
    }

    public void Apply(SegmentTagged tagged)
    {
        ArgumentNullException.ThrowIfNull(tagged);
        var segment = tagged.Tagged;
        Interlocked.Increment(ref _segmentsTagged);
        StreamEntryOf(segment.Segment.Stream).Tag(segment.Vehicle, segment.Flight, segment.Pilot, _time.GetUtcNow());
        if (!segment.Tags.Stale)
        {
            VehicleEntryOf(segment.Vehicle, segment.Segment.StartUtc).ObserveDomes(segment.Segment.EndUtc, segment.Tags.DomesAtEnd);
        }
    }

    public void Apply(SegmentPublished published)
    {
        ArgumentNullException.ThrowIfNull(published);
        Interlocked.Increment(ref _segmentsPublished);
        var entry = StreamEntryOf(published.Published.Tagged.Segment.Stream);
        entry.Publish(published.Published.Latency, _time.GetUtcNow());
        PublishStream(entry);
    }

    public void Apply(StreamGap gap)
    {
        ArgumentNullException.ThrowIfNull(gap);
        var interruption = gap.Gap;
        var view = new GapView(interruption.Stream.Value, interruption.StartUtc, interruption.EndUtc, ReasonName(interruption.Reason), interruption.Detail);
        lock (_historyGate)
        {
            _gaps.Add(view);
        }
        var entry = StreamEntryOf(interruption.Stream);
        entry.Gap(view, _time.GetUtcNow());
        _feed.Publish("gap", entry.VehicleId()?.ToString(), view, StationJsonContext.Default.GapView);
    }

    /// <summary>Everything now, with each vehicle's recent track.</summary>
    public LiveSnapshot Snapshot()
    {
        CrossingView[] crossings;
        GapView[] gaps;
        lock (_historyGate)
        {
            crossings = _crossings.ToArray();
            gaps = _gaps.ToArray();
        }
        return new LiveSnapshot(_time.GetUtcNow(), Vehicles(withTracks: true), Streams(liveOnly: false), crossings, gaps);
    }

    /// <summary>The vehicles, by id; with <paramref name="withTracks"/> each carries its recent track.</summary>
    public IReadOnlyList<VehicleView> Vehicles(bool withTracks = false) =>
        [.. _vehicles.Values.Select(v => v.View(withTracks)).OrderBy(v => v.SystemId).ThenBy(v => v.ComponentId)];

    /// <summary>One vehicle, or null when it was never heard.</summary>
    public VehicleView? Vehicle(VehicleId vehicle, bool withTrack = false) =>
        _vehicles.TryGetValue(vehicle, out var entry) ? entry.View(withTrack) : null;

    /// <summary>The streams, newest session first; <paramref name="liveOnly"/> leaves out idle ones.</summary>
    public IReadOnlyList<StreamView> Streams(bool liveOnly)
    {
        var now = _time.GetUtcNow();
        return [.. _streams.Values
            .Select(s => StreamViewOf(s, now))
            .Where(s => !liveOnly || s.Live)
            .OrderByDescending(s => s.Since)
            .ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>One stream, or null when no segment of it was seen.</summary>
    public StreamView? Stream(StreamId stream) =>
        _streams.TryGetValue(stream, out var entry) ? StreamViewOf(entry, _time.GetUtcNow()) : null;

    /// <summary>The vehicle a stream shows: from its tagged segments, else from the <c>v{sysid}-cam{n}</c> convention.</summary>
    public VehicleId? VehicleOf(StreamId stream) =>
        _streams.TryGetValue(stream, out var entry) ? entry.VehicleId() : StreamEntry.ConventionalVehicle(stream);

    /// <summary>The autopilot of system N for a stream named <c>vN-camM</c> (<see cref="StreamId.ForVehicleCamera"/>), else null.</summary>
    internal static VehicleId? ConventionalVehicle(StreamId stream) => StreamEntry.ConventionalVehicle(stream);

    /// <summary>The recent crossings, oldest first; only <paramref name="vehicle"/>'s when given.</summary>
    public IReadOnlyList<CrossingView> Crossings(VehicleId? vehicle = null)
    {
        CrossingView[] all;
        lock (_historyGate)
        {
            all = _crossings.ToArray();
        }
        var id = vehicle?.ToString();
        return id is null ? all : [.. all.Where(c => c.Vehicle == id)];
    }

    private StreamView StreamViewOf(StreamEntry entry, DateTimeOffset now)
    {
        var vehicle = entry.VehicleId();
        IReadOnlyList<string> domes = vehicle is { } v && _vehicles.TryGetValue(v, out var vehicleEntry) ? vehicleEntry.CurrentDomes() : [];
        return entry.View(now, _options.StreamIdleTimeout, _configuredPilot, domes);
    }

    private void PublishStream(StreamEntry entry)
    {
        if (_feed.Subscribers == 0)
        {
            return;
        }
        var view = StreamViewOf(entry, _time.GetUtcNow());
        _feed.Publish("stream", view.Vehicle, view, StationJsonContext.Default.StreamView);
    }

    private VehicleEntry VehicleEntryOf(VehicleId id, DateTimeOffset firstSeen) =>
        _vehicles.GetOrAdd(id, static (key, state) => new VehicleEntry(key, state.firstSeen, state.trackPoints), (firstSeen, trackPoints: _options.TrackPoints));

    private StreamEntry StreamEntryOf(StreamId id)
    {
        if (_streams.TryGetValue(id, out var existing))
        {
            return existing;
        }
        lock (_streamsGate)
        {
            if (_streams.TryGetValue(id, out existing))
            {
                return existing;
            }
            while (_streams.Count >= _options.Streams)
            {
                var idlest = _streams.Values.MinBy(s => s.LastActivity);
                if (idlest is null)
                {
                    break;
                }
                _streams.TryRemove(idlest.Id, out _);
            }
            var created = new StreamEntry(id);
            _streams[id] = created;
            return created;
        }
    }

    internal static string DirectionName(CrossingDirection direction) => direction switch
    {
        CrossingDirection.Enter => "enter",
        CrossingDirection.Exit => "exit",
        _ => "over",
    };

    internal static string ReasonName(StreamInterruptionReason reason) => reason switch
    {
        StreamInterruptionReason.InputLost => "input-lost",
        StreamInterruptionReason.ProcessExited => "process-exited",
        _ => "restarted",
    };

    private sealed class VehicleEntry(VehicleId id, DateTimeOffset firstSeen, int trackPoints)
    {
        private readonly Lock _gate = new();
        private readonly RingBuffer<TrackPointView> _track = new(trackPoints);
        private readonly SortedSet<string> _domes = new(StringComparer.Ordinal);
        private DateTimeOffset _domesAsOf = DateTimeOffset.MinValue;
        private bool _connected = true;
        private string? _link;
        private DateTimeOffset? _lastHeard;
        private PositionView? _position;

        public bool IsConnected
        {
            get
            {
                lock (_gate)
                {
                    return _connected;
                }
            }
        }

        public VehicleView Connect(DateTimeOffset atUtc, string link)
        {
            lock (_gate)
            {
                _connected = true;
                _link = link;
                _lastHeard = Later(_lastHeard, atUtc);
                return ViewLocked(withTrack: false);
            }
        }

        public VehicleView Lose(DateTimeOffset lastHeardUtc)
        {
            lock (_gate)
            {
                _connected = false;
                _lastHeard = Later(_lastHeard, lastHeardUtc);
                return ViewLocked(withTrack: false);
            }
        }

        /// <summary>Takes a fix; returns its view when it is the newest, null when it arrived out of order.</summary>
        public PositionView? Record(TelemetrySample sample)
        {
            var position = sample.Position;
            lock (_gate)
            {
                _connected = true;
                _lastHeard = Later(_lastHeard, sample.TimeUtc);
                if (_position is { } latest && sample.TimeUtc <= latest.Time)
                {
                    return null;
                }
                var heading = sample.HeadingDegrees ?? sample.Attitude?.YawDegrees;
                _position = new PositionView(id.ToString(), sample.TimeUtc, position.Latitude, position.Longitude,
                    position.AltitudeAmsl, position.AltitudeRelative, heading, sample.GroundSpeedMetresPerSecond);
                _track.Add(new TrackPointView(sample.TimeUtc, position.Latitude, position.Longitude, position.AltitudeRelative));
                return _position;
            }
        }

        public void Cross(DomeCrossing crossing)
        {
            lock (_gate)
            {
                if (crossing.TimeUtc < _domesAsOf)
                {
                    return;
                }
                _domesAsOf = crossing.TimeUtc;
                switch (crossing.Direction)
                {
                    case CrossingDirection.Enter:
                        _domes.Add(crossing.DomeId);
                        break;
                    case CrossingDirection.Exit:
                        _domes.Remove(crossing.DomeId);
                        break;
                    default:
                        // Over the dome's ceiling is never inside it.
                        break;
                }
            }
        }

        /// <summary>The tagger's view of the domes at <paramref name="asOf"/> wins when it is newer than the last crossing.</summary>
        public void ObserveDomes(DateTimeOffset asOf, IReadOnlyList<string> domes)
        {
            lock (_gate)
            {
                if (asOf <= _domesAsOf)
                {
                    return;
                }
                _domesAsOf = asOf;
                _domes.Clear();
                _domes.UnionWith(domes);
            }
        }

        public string[] CurrentDomes()
        {
            lock (_gate)
            {
                return [.. _domes];
            }
        }

        public VehicleView View(bool withTrack)
        {
            lock (_gate)
            {
                return ViewLocked(withTrack);
            }
        }

        private VehicleView ViewLocked(bool withTrack) =>
            new(id.ToString(), id.SystemId, id.ComponentId, _connected, _link, firstSeen, _lastHeard, _position, [.. _domes],
                withTrack ? _track.ToArray() : null);

        private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
    }

    private sealed class StreamEntry(StreamId id)
    {
        private readonly Lock _gate = new();
        private readonly SortedSet<string> _rungs = new(StringComparer.Ordinal);
        private VehicleId? _vehicle;
        private FlightId? _flight;
        private string? _pilot;
        private DateTimeOffset _since;
        private DateTimeOffset _lastSegment;
        private long _lastSequence = -1;
        private long _closed;
        private long _tagged;
        private long _published;
        private TimeSpan? _publishLatency;
        private GapView? _lastGap;
        private DateTimeOffset _lastActivity = DateTimeOffset.MinValue;

        public StreamId Id => id;

        public DateTimeOffset LastActivity
        {
            get
            {
                lock (_gate)
                {
                    return _lastActivity;
                }
            }
        }

        public bool IsLive(DateTimeOffset now, TimeSpan idleTimeout)
        {
            lock (_gate)
            {
                return _closed > 0 && now - _lastActivity <= idleTimeout;
            }
        }

        public void Close(Core.Video.VideoSegment segment, DateTimeOffset now, TimeSpan idleTimeout)
        {
            lock (_gate)
            {
                // A stream idle longer than the timeout starts a new live session when it comes back.
                if (_closed == 0 || now - _lastActivity > idleTimeout)
                {
                    _since = segment.StartUtc;
                }
                _closed++;
                _rungs.Add(segment.Rung);
                if (segment.StartUtc >= _lastSegment)
                {
                    _lastSegment = segment.StartUtc;
                    _lastSequence = Math.Max(_lastSequence, segment.Sequence);
                }
                _lastActivity = now;
            }
        }

        public void Tag(VehicleId vehicle, FlightId flight, string? pilot, DateTimeOffset now)
        {
            lock (_gate)
            {
                _tagged++;
                _vehicle = vehicle;
                _flight = flight;
                _pilot = pilot ?? _pilot;
                _lastActivity = Later(_lastActivity, now);
            }
        }

        public void Publish(TimeSpan latency, DateTimeOffset now)
        {
            lock (_gate)
            {
                _published++;
                _publishLatency = latency;
                _lastActivity = Later(_lastActivity, now);
            }
        }

        public void Gap(GapView gap, DateTimeOffset now)
        {
            lock (_gate)
            {
                _lastGap = gap;
                _lastActivity = Later(_lastActivity, now);
            }
        }

        public VehicleId? VehicleId()
        {
            lock (_gate)
            {
                return _vehicle ?? ConventionalVehicle(id);
            }
        }

        public StreamView View(DateTimeOffset now, TimeSpan idleTimeout, string? configuredPilot, IReadOnlyList<string> domes)
        {
            lock (_gate)
            {
                var vehicle = _vehicle ?? ConventionalVehicle(id);
                return new StreamView(id.Value, vehicle?.ToString(), _pilot ?? configuredPilot, _flight?.Value, _since, _lastSegment,
                    _closed > 0 && now - _lastActivity <= idleTimeout, [.. _rungs], _lastSequence, _closed, _tagged, _published,
                    _publishLatency?.TotalMilliseconds, domes, _lastGap);
            }
        }

        /// <summary>The autopilot of system N for a stream id <c>vN-camM</c> (<see cref="StreamId.ForVehicleCamera"/>).</summary>
        public static VehicleId? ConventionalVehicle(StreamId stream)
        {
            var value = stream.Value;
            var dash = value.IndexOf("-cam", StringComparison.Ordinal);
            return value.Length > 1 && value[0] == 'v' && dash > 1
                && byte.TryParse(value.AsSpan(1, dash - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var systemId)
                && int.TryParse(value.AsSpan(dash + 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                ? Core.Vehicles.VehicleId.Autopilot(systemId)
                : null;
        }

        private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }
}
