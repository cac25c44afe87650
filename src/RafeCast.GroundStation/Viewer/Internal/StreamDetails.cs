using RafeCast.GroundStation.Live;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>What the watch page needs about one stream (<c>/api/streams/{stream}</c>).</summary>
/// <param name="Id">The stream id.</param>
/// <param name="Stream">Its live state, null before its first segment.</param>
/// <param name="Vehicle">The vehicle it shows, "sysid/compid", when known.</param>
/// <param name="Source">Where to load the HLS from, null when it cannot be watched yet.</param>
/// <param name="TileUrlTemplate">Map tiles to draw under the domes, when configured.</param>
internal sealed record StreamDetails(string Id, StreamView? Stream, string? Vehicle, SourceView? Source, string? TileUrlTemplate);

/// <summary>A <see cref="LiveStreamSource"/> as the page reads it.</summary>
/// <param name="Master">The master playlist URL, without query.</param>
/// <param name="Query">What to append to every request under the master's origin (a SAS token), without '?'.</param>
/// <param name="Expires">When the token stops working, UTC.</param>
internal sealed record SourceView(string Master, string? Query, DateTimeOffset? Expires);
