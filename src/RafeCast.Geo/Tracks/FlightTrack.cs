using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;

namespace RafeCast.Geo.Tracks;

/// <summary>What <see cref="FlightTrack.Add(in TelemetrySample)"/> did with a sample.</summary>
public enum TrackAddResult
{
    /// <summary>Newer than every sample so far: appended.</summary>
    Appended,
    /// <summary>Older than the newest sample (telemetry can arrive out of order): inserted in time order.</summary>
    Inserted,
    /// <summary>A sample with the same time is already there: ignored.</summary>
    Duplicate,
    /// <summary>Its position is invalid (out of range or not finite): ignored.</summary>
    InvalidPosition,
    /// <summary>It belongs to another vehicle: ignored.</summary>
    WrongVehicle,
}

/// <summary>
/// The live track of one vehicle: samples kept in time order as they arrive, thread-safe, trimmed to
/// <see cref="GeoOptions.TrackRetention"/>. Take a <see cref="Snapshot(DateTimeOffset, DateTimeOffset)"/>
/// to interpolate, tag or write sidecars.
/// </summary>
public sealed class FlightTrack
{
    private readonly List<TelemetrySample> _samples = [];
    private readonly Lock _lock = new();
    private readonly GeoOptions _options;

    public FlightTrack(VehicleId vehicle, GeoOptions? options = null)
    {
        Vehicle = vehicle;
        _options = options ?? new GeoOptions();
    }

    /// <summary>The vehicle this track belongs to.</summary>
    public VehicleId Vehicle { get; }

    /// <summary>Number of samples held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _samples.Count;
            }
        }
    }

    /// <summary>The newest sample, or null.</summary>
    public TelemetrySample? Latest
    {
        get
        {
            lock (_lock)
            {
                return _samples.Count > 0 ? _samples[^1] : null;
            }
        }
    }

    /// <summary>Adds a sample in time order; see <see cref="TrackAddResult"/> for what may be ignored.</summary>
    public TrackAddResult Add(in TelemetrySample sample)
    {
        if (sample.Vehicle != Vehicle)
        {
            return TrackAddResult.WrongVehicle;
        }
        if (!sample.Position.IsValid)
        {
            return TrackAddResult.InvalidPosition;
        }
        var ticks = sample.TimeUtc.UtcTicks;
        lock (_lock)
        {
            if (_samples.Count == 0 || _samples[^1].TimeUtc.UtcTicks < ticks)
            {
                _samples.Add(sample);
                TrimLocked(ticks);
                return TrackAddResult.Appended;
            }
            var index = _samples.BinarySearch(sample, SampleTimeComparer.Instance);
            if (index >= 0)
            {
                return TrackAddResult.Duplicate;
            }
            _samples.Insert(~index, sample);
            return TrackAddResult.Inserted;
        }
    }

    /// <summary>Every sample held.</summary>
    public TrackSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new TrackSnapshot([.. _samples], _options.GapThreshold, _options.PositionHold, trusted: true);
        }
    }

    /// <summary>
    /// The samples needed for any instant of [<paramref name="fromUtc"/>, <paramref name="toUtc"/>]: those
    /// inside it and one on each side, so positions, gaps and crossings there come out exactly as with
    /// the whole track.
    /// </summary>
    public TrackSnapshot Snapshot(DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        lock (_lock)
        {
            var first = LowerBound(fromUtc.UtcTicks) - 1;
            var last = LowerBound(toUtc.UtcTicks + 1);
            first = Math.Max(first, 0);
            last = Math.Min(last, _samples.Count - 1);
            var slice = last >= first ? _samples.GetRange(first, last - first + 1).ToArray() : [];
            return new TrackSnapshot(slice, _options.GapThreshold, _options.PositionHold, trusted: true);
        }
    }

    /// <summary>Drops samples older than <paramref name="cutoffUtc"/>; returns how many.</summary>
    public int TrimBefore(DateTimeOffset cutoffUtc)
    {
        lock (_lock)
        {
            var count = LowerBound(cutoffUtc.UtcTicks);
            _samples.RemoveRange(0, count);
            return count;
        }
    }

    private void TrimLocked(long newestTicks)
    {
        // Trim in batches so the list is not shifted on every sample.
        var cutoff = newestTicks - _options.TrackRetention.Ticks;
        if (_samples.Count > 1024 && _samples[0].TimeUtc.UtcTicks < cutoff - TimeSpan.TicksPerMinute)
        {
            _samples.RemoveRange(0, LowerBound(cutoff));
        }
    }

    /// <summary>Index of the first sample at or after <paramref name="ticks"/>.</summary>
    private int LowerBound(long ticks)
    {
        int low = 0, high = _samples.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (_samples[mid].TimeUtc.UtcTicks < ticks)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private sealed class SampleTimeComparer : IComparer<TelemetrySample>
    {
        public static readonly SampleTimeComparer Instance = new();

        public int Compare(TelemetrySample x, TelemetrySample y) => x.TimeUtc.UtcTicks.CompareTo(y.TimeUtc.UtcTicks);
    }
}

/// <summary>The live tracks of every vehicle, keyed by vehicle; thread-safe.</summary>
public sealed class FlightTrackStore(GeoOptions? options = null)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<VehicleId, FlightTrack> _tracks = new();
    private readonly GeoOptions _options = options ?? new GeoOptions();

    /// <summary>Adds a sample to its vehicle's track (created on first use).</summary>
    public TrackAddResult Add(in TelemetrySample sample) => GetOrCreate(sample.Vehicle).Add(sample);

    /// <summary>The track of <paramref name="vehicle"/>, created empty when there is none yet.</summary>
    public FlightTrack GetOrCreate(VehicleId vehicle) => _tracks.GetOrAdd(vehicle, v => new FlightTrack(v, _options));

    /// <summary>The track of <paramref name="vehicle"/>, when it has one.</summary>
    public bool TryGet(VehicleId vehicle, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FlightTrack? track) =>
        _tracks.TryGetValue(vehicle, out track);

    /// <summary>The vehicles with a track.</summary>
    public IReadOnlyCollection<VehicleId> Vehicles => [.. _tracks.Keys];
}
