namespace RafeCast.Video.Hls;

/// <summary>Which of a rendition's two playlists to render.</summary>
public enum HlsPlaylistView
{
    /// <summary>The sliding-window live playlist viewers poll: the newest few segments, no playlist type.</summary>
    Live,

    /// <summary>The full playlist of the archive: every segment since the start, EXT-X-PLAYLIST-TYPE:EVENT.</summary>
    Event,
}
