using RafeCast.Core.Flights;
using RafeCast.Core.Video;
using RafeCast.Storage.Outbox;
using RafeCast.Video.Hls;
using RafeCast.Video.Streams;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Each flight's own event playlists, one per stream rung (<c>{stream}/{rung}/event.m3u8</c>) and a master over
/// them (<c>{stream}/master.m3u8</c>): the flight's segments only, with their EXT-X-DATERANGE crossing cues. The
/// video stage's own event playlist covers the stream since RafeCast started; an editor wants the flight.
/// Thread-safe.
/// </summary>
internal sealed class FlightArchive
{
    /// <summary>The master playlist's name in a stream folder of a flight.</summary>
    public const string MasterName = "master.m3u8";

    private readonly Lock _gate = new();
    private readonly Dictionary<FlightId, Dictionary<(StreamId Stream, string Rung), HlsMediaPlaylist>> _flights = [];
    private readonly HashSet<FlightId> _ended = [];

    /// <summary>The event playlist of a rung, relative to the stream folder.</summary>
    public static string RungPlaylistName(string rung) => $"{rung}/{VideoStream.PlaylistFile(HlsPlaylistView.Event)}";

    /// <summary>Adds a tagged segment with its extra tag lines; false when the flight's playlists have ended already.</summary>
    public bool Add(FlightId flight, VideoSegment segment, IReadOnlyList<string> extraTags, TimeSpan targetDuration)
    {
        ArgumentNullException.ThrowIfNull(segment);
        lock (_gate)
        {
            if (_ended.Contains(flight))
            {
                return false;
            }
            if (!_flights.TryGetValue(flight, out var playlists))
            {
                playlists = [];
                _flights[flight] = playlists;
            }
            var key = (segment.Stream, segment.Rung);
            if (!playlists.TryGetValue(key, out var playlist))
            {
                playlist = new HlsMediaPlaylist(targetDuration > TimeSpan.Zero ? targetDuration : segment.Duration);
                playlists[key] = playlist;
            }
            if (playlist.Segments is { Count: > 0 } existing && existing[^1].Sequence >= segment.Sequence)
            {
                return true; // seen already (a segment tagged twice): listed once
            }
            playlist.Append(HlsSegmentEntry.FromSegment(segment) with { ExtraTags = extraTags.Count > 0 ? extraTags : null });
            return true;
        }
    }

    /// <summary>The flight's event playlists for a segment's stream and rung, relative to the stream folder.</summary>
    public IReadOnlyList<PlaylistText> EventPlaylists(FlightId flight, StreamId stream, string rung, VideoStream? video)
    {
        lock (_gate)
        {
            if (!_flights.TryGetValue(flight, out var playlists) || !playlists.TryGetValue((stream, rung), out var playlist))
            {
                return [];
            }
            var result = new List<PlaylistText> { new(RungPlaylistName(rung), playlist.Render(HlsPlaylistView.Event)) };
            if (Master(playlists, stream, video) is { } master)
            {
                result.Add(new PlaylistText(MasterName, master));
            }
            return result;
        }
    }

    /// <summary>
    /// Ends the flight's playlists (EXT-X-ENDLIST) and returns them named relative to the flight folder
    /// (<c>{stream}/{rung}/event.m3u8</c>, <c>{stream}/master.m3u8</c>). Later segments are refused.
    /// </summary>
    public IReadOnlyList<PlaylistText> End(FlightId flight, Func<StreamId, VideoStream?> videoOf)
    {
        ArgumentNullException.ThrowIfNull(videoOf);
        lock (_gate)
        {
            _ended.Add(flight);
            if (!_flights.Remove(flight, out var playlists))
            {
                return [];
            }
            var result = new List<PlaylistText>();
            foreach (var ((stream, rung), playlist) in playlists.OrderBy(p => p.Key.Stream.Value, StringComparer.Ordinal).ThenBy(p => p.Key.Rung, StringComparer.Ordinal))
            {
                playlist.End();
                result.Add(new PlaylistText($"{stream}/{RungPlaylistName(rung)}", playlist.Render(HlsPlaylistView.Event)));
            }
            foreach (var stream in playlists.Keys.Select(k => k.Stream).Distinct())
            {
                if (Master(playlists, stream, videoOf(stream)) is { } master)
                {
                    result.Add(new PlaylistText($"{stream}/{MasterName}", master));
                }
            }
            return result;
        }
    }

    /// <summary>The first segment's start and the last segment's end of a stream in the flight (its richest rung).</summary>
    public (DateTimeOffset StartUtc, DateTimeOffset EndUtc)? StreamWindow(FlightId flight, StreamId stream)
    {
        lock (_gate)
        {
            if (!_flights.TryGetValue(flight, out var playlists))
            {
                return null;
            }
            var segments = playlists.Where(p => p.Key.Stream == stream).Select(p => p.Value.Segments).MaxBy(s => s.Count);
            return segments is { Count: > 0 } ? (segments[0].StartUtc, segments[^1].StartUtc + segments[^1].Duration) : null;
        }
    }

    // The video stage's master (bandwidth, resolution, codecs from the real segments), limited to the rungs the flight has.
    private static string? Master(Dictionary<(StreamId Stream, string Rung), HlsMediaPlaylist> playlists, StreamId stream, VideoStream? video)
    {
        if (video?.MasterPlaylist(HlsPlaylistView.Event) is not { } master)
        {
            return null;
        }
        var variants = master.Variants.Where(v => playlists.ContainsKey((stream, v.Uri.Split('/')[0]))).ToList();
        return variants.Count == 0 ? null : new HlsMasterPlaylist(variants).Render();
    }
}
