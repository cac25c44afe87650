using RafeCast.Core.Tagging;
using RafeCast.Storage.Outbox;
using RafeCast.Video.Hls;
using RafeCast.Video.Streams;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// The playlists the storage stage publishes after each segment, rendered from the video stage's models:
/// live, the rung's sliding window up to and including the segment (<c>{rung}/live.m3u8</c>) and the stream's
/// master (<c>master.m3u8</c>); archive, the flight's own event playlists (<see cref="FlightArchive"/>).
/// </summary>
internal sealed class StationPlaylistSource(VideoStreamRegistry streams, FlightArchive archive) : IPublishPlaylistSource
{
    public IReadOnlyList<PlaylistText> LivePlaylists(TaggedSegment tagged)
    {
        ArgumentNullException.ThrowIfNull(tagged);
        var segment = tagged.Segment;
        if (streams.Find(segment.Stream) is not { } video)
        {
            return [];
        }
        // Only up to this segment: the uploader publishes a playlist once everything it lists is uploaded.
        var live = video.Playlist(segment.Rung).Render(HlsPlaylistView.Live, sequence => sequence <= segment.Sequence);
        var result = new List<PlaylistText> { new($"{segment.Rung}/{VideoStream.PlaylistFile(HlsPlaylistView.Live)}", live) };
        if (video.MasterPlaylist(HlsPlaylistView.Live) is { } master)
        {
            result.Add(new PlaylistText(FlightArchive.MasterName, master.Render()));
        }
        return result;
    }

    public IReadOnlyList<PlaylistText> ArchivePlaylists(TaggedSegment tagged)
    {
        ArgumentNullException.ThrowIfNull(tagged);
        var segment = tagged.Segment;
        return archive.EventPlaylists(tagged.Flight, segment.Stream, segment.Rung, streams.Find(segment.Stream));
    }
}
