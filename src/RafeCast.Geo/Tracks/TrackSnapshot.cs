using RafeCast.Core.Geodesy;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;

namespace RafeCast.Geo.Tracks;

/// <summary>
/// An immutable, time-ordered run of one vehicle's telemetry samples with the rules for a position at
/// any instant: linear interpolation between consecutive samples; nothing across a telemetry gap (two
/// samples more than <see cref="GapThreshold"/> apart); a sample's position stands for at most
/// <see cref="PositionHold"/> beyond it where no neighbour takes over (the track's ends, the edges of a gap).
/// An instant with no position is unknown, never guessed.
/// </summary>
public sealed class TrackSnapshot
{
    private readonly TelemetrySample[] _samples;

    /// <summary>
    /// A snapshot of <paramref name="samples"/> (any order): sorted by time, a sample with the same time as
    /// an earlier one dropped, samples with an invalid position dropped.
    /// </summary>
    public TrackSnapshot(IEnumerable<TelemetrySample> samples, TimeSpan gapThreshold, TimeSpan positionHold)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gapThreshold, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(positionHold, TimeSpan.Zero);
        var sorted = samples.Where(s => s.Position.IsValid).ToArray();
        Array.Sort(sorted, static (a, b) => a.TimeUtc.UtcTicks.CompareTo(b.TimeUtc.UtcTicks));
        var unique = new List<TelemetrySample>(sorted.Length);
        foreach (var sample in sorted)
        {
            if (unique.Count == 0 || unique[^1].TimeUtc.UtcTicks != sample.TimeUtc.UtcTicks)
            {
                unique.Add(sample);
            }
        }
        _samples = [.. unique];
        GapThreshold = gapThreshold;
        PositionHold = positionHold;
    }

    /// <summary>A snapshot with the thresholds of <paramref name="options"/>.</summary>
    public TrackSnapshot(IEnumerable<TelemetrySample> samples, GeoOptions options)
        : this(samples, (options ?? throw new ArgumentNullException(nameof(options))).GapThreshold, options.PositionHold)
    {
    }

    internal TrackSnapshot(TelemetrySample[] sortedUniqueValid, TimeSpan gapThreshold, TimeSpan positionHold, bool trusted)
    {
        _ = trusted;
        _samples = sortedUniqueValid;
        GapThreshold = gapThreshold;
        PositionHold = positionHold;
    }

    /// <summary>The samples in time order.</summary>
    public IReadOnlyList<TelemetrySample> Samples => _samples;

    /// <summary>Consecutive samples further apart than this are a gap.</summary>
    public TimeSpan GapThreshold { get; }

    /// <summary>How far past a sample its position stands where no neighbour takes over.</summary>
    public TimeSpan PositionHold { get; }

    /// <summary>The vehicle of the first sample, or null for an empty track.</summary>
    public VehicleId? Vehicle => _samples.Length > 0 ? _samples[0].Vehicle : null;

    /// <summary>First sample time, or null.</summary>
    public DateTimeOffset? FirstTimeUtc => _samples.Length > 0 ? _samples[0].TimeUtc : null;

    /// <summary>Last sample time, or null.</summary>
    public DateTimeOffset? LastTimeUtc => _samples.Length > 0 ? _samples[^1].TimeUtc : null;

    internal ReadOnlySpan<TelemetrySample> Span => _samples;

    /// <summary>The position at <paramref name="timeUtc"/>, or null when it is unknown (before the track, after it, inside a gap).</summary>
    public TrackPosition? PositionAt(DateTimeOffset timeUtc)
    {
        var samples = _samples;
        if (samples.Length == 0)
        {
            return null;
        }
        var ticks = timeUtc.UtcTicks;
        var holdTicks = PositionHold.Ticks;
        var before = IndexAtOrBefore(ticks);
        if (before < 0)
        {
            return samples[0].TimeUtc.UtcTicks - ticks <= holdTicks ? Held(samples[0], timeUtc) : null;
        }
        var a = samples[before];
        if (a.TimeUtc.UtcTicks == ticks)
        {
            return Held(a, timeUtc);
        }
        if (before == samples.Length - 1)
        {
            return ticks - a.TimeUtc.UtcTicks <= holdTicks ? Held(a, timeUtc) : null;
        }
        var b = samples[before + 1];
        var span = b.TimeUtc.UtcTicks - a.TimeUtc.UtcTicks;
        if (span > GapThreshold.Ticks)
        {
            if (ticks - a.TimeUtc.UtcTicks <= holdTicks)
            {
                return Held(a, timeUtc);
            }
            return b.TimeUtc.UtcTicks - ticks <= holdTicks ? Held(b, timeUtc) : null;
        }
        return Interpolate(a, b, (double)(ticks - a.TimeUtc.UtcTicks) / span, timeUtc);
    }

    /// <summary>True when every instant of [<paramref name="startUtc"/>, <paramref name="endUtc"/>] has a position.</summary>
    public bool Covers(DateTimeOffset startUtc, DateTimeOffset endUtc)
    {
        if (PositionAt(startUtc) is null || PositionAt(endUtc) is null)
        {
            return false;
        }
        var holdTicks = PositionHold.Ticks;
        var samples = _samples;
        var first = Math.Max(IndexAtOrBefore(startUtc.UtcTicks), 0);
        for (var i = first; i + 1 < samples.Length && samples[i].TimeUtc < endUtc; i++)
        {
            var a = samples[i].TimeUtc.UtcTicks;
            var b = samples[i + 1].TimeUtc.UtcTicks;
            // Inside a gap only the open stretch (a + hold, b - hold) is unknown.
            if (b - a > GapThreshold.Ticks && a + holdTicks < b - holdTicks &&
                a + holdTicks < endUtc.UtcTicks && b - holdTicks > startUtc.UtcTicks)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The telemetry gaps of the track, in time order.</summary>
    public IReadOnlyList<TrackGap> Gaps()
    {
        var gaps = new List<TrackGap>();
        for (var i = 1; i < _samples.Length; i++)
        {
            if (IsGap(_samples[i - 1], _samples[i]))
            {
                gaps.Add(new TrackGap(_samples[i - 1].TimeUtc, _samples[i].TimeUtc));
            }
        }
        return gaps;
    }

    /// <summary>The samples split at the gaps: each run is a stretch of continuous telemetry.</summary>
    public IReadOnlyList<IReadOnlyList<TelemetrySample>> Runs()
    {
        var runs = new List<IReadOnlyList<TelemetrySample>>();
        var start = 0;
        for (var i = 1; i <= _samples.Length; i++)
        {
            if (i == _samples.Length || IsGap(_samples[i - 1], _samples[i]))
            {
                if (i > start)
                {
                    runs.Add(new ArraySegment<TelemetrySample>(_samples, start, i - start));
                }
                start = i;
            }
        }
        return runs;
    }

    /// <summary>True when two consecutive samples are further apart than the gap threshold.</summary>
    public bool IsGap(in TelemetrySample earlier, in TelemetrySample later) =>
        later.TimeUtc.UtcTicks - earlier.TimeUtc.UtcTicks > GapThreshold.Ticks;

    /// <summary>Index of the last sample at or before <paramref name="ticks"/> (UTC ticks), -1 when none.</summary>
    internal int IndexAtOrBefore(long ticks)
    {
        int low = 0, high = _samples.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (_samples[mid].TimeUtc.UtcTicks <= ticks)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found;
    }

    /// <summary>The heading a sample carries: heading over ground, else its yaw.</summary>
    internal static double? HeadingOf(in TelemetrySample sample) => sample.HeadingDegrees ?? sample.Attitude?.YawDegrees;

    internal static TrackPosition Interpolate(in TelemetrySample a, in TelemetrySample b, double fraction, DateTimeOffset timeUtc)
    {
        var position = GeoPosition.Lerp(a.Position, b.Position, fraction);
        double? heading = (HeadingOf(a), HeadingOf(b)) switch
        {
            ({ } h0, { } h1) => InterpolateAngle(h0, h1, fraction),
            ({ } h0, null) => h0,
            (null, { } h1) => h1,
            _ => null,
        };
        double? speed = (a.GroundSpeedMetresPerSecond, b.GroundSpeedMetresPerSecond) switch
        {
            ({ } v0, { } v1) => v0 + ((v1 - v0) * fraction),
            ({ } v0, null) => v0,
            (null, { } v1) => v1,
            _ => null,
        };
        return new TrackPosition(timeUtc, position, heading, speed);
    }

    private static TrackPosition Held(in TelemetrySample sample, DateTimeOffset timeUtc) =>
        new(timeUtc, sample.Position, HeadingOf(sample), sample.GroundSpeedMetresPerSecond);

    /// <summary>Interpolates compass angles the short way round: 350° to 10° passes 0°, not 180°.</summary>
    internal static double InterpolateAngle(double from, double to, double fraction)
    {
        var delta = ((((to - from) % 360) + 540) % 360) - 180;
        var angle = (from + (delta * fraction)) % 360;
        return angle < 0 ? angle + 360 : angle;
    }
}
