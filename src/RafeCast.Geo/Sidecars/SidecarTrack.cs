using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Tagging;
using RafeCast.Core.Vehicles;
using RafeCast.Geo.Crossings;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Tagging;
using RafeCast.Geo.Tracks;

namespace RafeCast.Geo.Sidecars;

/// <summary>One cue of the timed tracks (WebVTT, SubRip): one second of media time.</summary>
/// <param name="Start">Cue start, media time from the window start.</param>
/// <param name="End">Cue end, media time.</param>
/// <param name="TimeUtc">Wall time of the cue start.</param>
/// <param name="Position">The position at <paramref name="TimeUtc"/>, or null when unknown (telemetry gap).</param>
/// <param name="Dome">The innermost dome the position is inside, or null.</param>
public readonly record struct SidecarCue(TimeSpan Start, TimeSpan End, DateTimeOffset TimeUtc, TrackPosition? Position, Dome? Dome);

/// <summary>
/// Everything the sidecar files of one window (a segment, or a whole flight) say: the track split into
/// continuous runs at telemetry gaps, the crossings, one cue per second, and the segment's tags when
/// the window is a segment. Media time 0 is <see cref="StartUtc"/>.
/// </summary>
public sealed record SidecarTrack(
    string Title,
    VehicleId? Vehicle,
    FlightId? Flight,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    IReadOnlyList<IReadOnlyList<TrackPosition>> Runs,
    IReadOnlyList<DomeCrossing> Crossings,
    IReadOnlyList<SidecarCue> Cues,
    SegmentTags? Tags)
{
    /// <summary>Cue length of the timed tracks.</summary>
    public static readonly TimeSpan CueLength = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Builds the sidecar content of the window [<paramref name="startUtc"/>, <paramref name="endUtc"/>)
    /// of <paramref name="track"/> against <paramref name="registry"/>.
    /// </summary>
    public static SidecarTrack Create(
        string title,
        TrackSnapshot track,
        DomeRegistry registry,
        DateTimeOffset startUtc,
        DateTimeOffset endUtc,
        FlightId? flight = null,
        SegmentTags? tags = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(registry);
        var tagger = new SegmentTagger(registry, new GeoOptions { GapThreshold = track.GapThreshold, PositionHold = track.PositionHold });
        var runs = new List<IReadOnlyList<TrackPosition>>();
        var run = new List<TrackPosition>();
        foreach (var point in SegmentTagger.TrackInside(track, startUtc, endUtc))
        {
            if (run.Count > 0 && point.TimeUtc - run[^1].TimeUtc > track.GapThreshold)
            {
                runs.Add(run);
                run = [];
            }
            run.Add(point);
        }
        if (run.Count > 0)
        {
            runs.Add(run);
        }

        var cues = new List<SidecarCue>();
        var length = endUtc - startUtc;
        for (var offset = TimeSpan.Zero; offset < length; offset += CueLength)
        {
            var time = startUtc + offset;
            var position = track.PositionAt(time);
            Dome? dome = null;
            if (position is { } p)
            {
                var inside = registry.Hits(p.Position, time).FirstOrDefault(h => h.Presence == DomePresence.Inside);
                dome = inside == default ? null : registry.Domes[inside.DomeIndex];
            }
            var end = offset + CueLength < length ? offset + CueLength : length;
            cues.Add(new SidecarCue(offset, end, time, position, dome));
        }
        return new SidecarTrack(title, track.Vehicle, flight, startUtc, endUtc, runs,
            tags?.Crossings ?? tagger.CrossingsInside(track, startUtc, endUtc, flight), cues, tags);
    }

    /// <summary>The sidecar content of a whole track: from its first to its last sample.</summary>
    public static SidecarTrack ForFlight(string title, TrackSnapshot track, DomeRegistry registry, FlightId? flight = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        var start = track.FirstTimeUtc ?? DateTimeOffset.UnixEpoch;
        // The track inside a window ends with the position at the window's end: here, the last sample.
        return Create(title, track, registry, start, track.LastTimeUtc ?? start, flight);
    }
}
