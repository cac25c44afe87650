using RafeCast.Core.Tagging;

namespace RafeCast.Storage.Outbox;

/// <summary>
/// Gives the storage stage the playlist texts to publish after a segment, rendered by the video stage's
/// playlist writer (Storage never renders HLS). The composition root adapts the video stage to it.
/// </summary>
public interface IPublishPlaylistSource
{
    /// <summary>Live playlists that list <paramref name="tagged"/>, named relative to the stream folder (<c>{rung}/index.m3u8</c>, <c>master.m3u8</c>).</summary>
    IReadOnlyList<PlaylistText> LivePlaylists(TaggedSegment tagged);

    /// <summary>The flight's event playlists including <paramref name="tagged"/>, relative to the stream folder.</summary>
    IReadOnlyList<PlaylistText> ArchivePlaylists(TaggedSegment tagged);
}

/// <summary>No playlists: segments go to the archive only (used until the video stage provides its writer).</summary>
public sealed class NoPlaylists : IPublishPlaylistSource
{
    public IReadOnlyList<PlaylistText> LivePlaylists(TaggedSegment tagged) => [];

    public IReadOnlyList<PlaylistText> ArchivePlaylists(TaggedSegment tagged) => [];
}
