using RafeCast.Core.Video;

namespace RafeCast.GroundStation.Viewer;

/// <summary>
/// Where a viewer's player fetches a stream's live HLS. The storage stage provides a read-only,
/// short-lived SAS URL of the live container; without it the station serves the local HLS tree
/// itself at <c>/hls/{stream}/master.m3u8</c>.
/// </summary>
public interface ILiveStreamUrlProvider
{
    /// <summary>The stream's master playlist for a viewer, or null when the stream cannot be watched now.</summary>
    ValueTask<LiveStreamSource?> GetSourceAsync(StreamId stream, CancellationToken cancellationToken);
}

/// <summary>Where the player loads a live stream from.</summary>
/// <param name="MasterPlaylist">
/// The master playlist's URL without any query string: absolute (blob storage), or relative to the
/// station (the local fallback, e.g. <c>/hls/v1-cam0/master.m3u8</c>).
/// </param>
/// <param name="QueryToken">
/// A query string without '?' (a SAS token, e.g. <c>sv=...&amp;sig=...</c>) the player appends to every
/// request under <paramref name="MasterPlaylist"/>'s origin. Per request, because a relative segment
/// URI in a playlist does not inherit the playlist's query when resolved (RFC 3986 §5.2.2). Null when
/// no token is needed.
/// </param>
/// <param name="ExpiresUtc">When the token stops working (the page fetches a new one before then); null when it does not expire.</param>
public sealed record LiveStreamSource(Uri MasterPlaylist, string? QueryToken, DateTimeOffset? ExpiresUtc);
