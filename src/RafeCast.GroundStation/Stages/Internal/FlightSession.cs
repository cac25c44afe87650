using RafeCast.Core.Flights;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.Pipeline.Events;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// One flight as the station follows it: an armed flight (arm to disarm, link loss or station stop) or a
/// vehicle's per-day ground flight. Mutable; <see cref="FlightTracker"/> guards every change with its lock.
/// </summary>
internal sealed class FlightSession(FlightId id, VehicleId vehicle, DateTimeOffset startUtc, bool isGround)
{
    private readonly Dictionary<(StreamId Stream, string Rung), DateTimeOffset> _lastSegmentEnd = [];

    public FlightId Id { get; } = id;

    public VehicleId Vehicle { get; } = vehicle;

    /// <summary>When the vehicle armed (for a ground flight: the start of its first segment), UTC.</summary>
    public DateTimeOffset StartUtc { get; } = startUtc;

    /// <summary>True for the per-day ground flight (footage outside any armed flight).</summary>
    public bool IsGround { get; } = isGround;

    /// <summary>When the flight ended, UTC; null while it goes on.</summary>
    public DateTimeOffset? EndUtc { get; private set; }

    public FlightEndReason? EndReason { get; private set; }

    /// <summary>True once its playlists were ended and its files queued: nothing more is added.</summary>
    public bool Archived { get; private set; }

    /// <summary>Segments filed under the flight, all rungs together.</summary>
    public long Segments { get; private set; }

    /// <summary>Start of its earliest segment, UTC.</summary>
    public DateTimeOffset? FirstSegmentUtc { get; private set; }

    /// <summary>End of its latest segment, UTC.</summary>
    public DateTimeOffset? LastSegmentEndUtc { get; private set; }

    /// <summary>Seconds of [<paramref name="startUtc"/>, <paramref name="endUtc"/>) that fall inside the flight.</summary>
    public double OverlapSeconds(DateTimeOffset startUtc, DateTimeOffset endUtc)
    {
        var from = startUtc > StartUtc ? startUtc : StartUtc;
        var to = EndUtc is { } end && end < endUtc ? end : endUtc;
        return (to - from).TotalSeconds;
    }

    /// <summary>True when every stream rung that filed footage here has a segment reaching the flight's end.</summary>
    public bool HasFootageToEnd => EndUtc is { } end && _lastSegmentEnd.Values.All(last => last >= end);

    /// <summary>The streams that filed footage here.</summary>
    public IReadOnlyList<StreamId> Streams => [.. _lastSegmentEnd.Keys.Select(k => k.Stream).Distinct()];

    internal void End(DateTimeOffset endUtc, FlightEndReason reason)
    {
        EndUtc = endUtc < StartUtc ? StartUtc : endUtc;
        EndReason = reason;
    }

    internal void Record(VideoSegment segment)
    {
        Segments++;
        FirstSegmentUtc = FirstSegmentUtc is { } first && first < segment.StartUtc ? first : segment.StartUtc;
        LastSegmentEndUtc = LastSegmentEndUtc is { } last && last > segment.EndUtc ? last : segment.EndUtc;
        var key = (segment.Stream, segment.Rung);
        _lastSegmentEnd[key] = _lastSegmentEnd.TryGetValue(key, out var seen) && seen > segment.EndUtc ? seen : segment.EndUtc;
    }

    internal void MarkArchived() => Archived = true;

    public override string ToString() => Id.Value;
}
