using RafeCast.Core.Video;

namespace RafeCast.Video.Hls;

/// <summary>
/// One media segment as a playlist lists it (RFC 8216 §4.3.2). Only segments whose files are complete
/// become entries, so a playlist rendered from entries never names a segment that is not available.
/// </summary>
/// <param name="Sequence">Media sequence number (EXT-X-MEDIA-SEQUENCE counts these).</param>
/// <param name="Uri">The segment's URI relative to the playlist, e.g. <c>000042.ts</c>.</param>
/// <param name="Duration">Media duration (EXTINF).</param>
/// <param name="StartUtc">UTC wall time of the segment's first frame (EXT-X-PROGRAM-DATE-TIME).</param>
/// <param name="Discontinuity">True when the segment follows a restart or gap (EXT-X-DISCONTINUITY).</param>
/// <param name="ExtraTags">Whole tag lines written before the segment, e.g. EXT-X-DATERANGE lines.</param>
public sealed record HlsSegmentEntry(
    long Sequence,
    string Uri,
    TimeSpan Duration,
    DateTimeOffset StartUtc,
    bool Discontinuity = false,
    IReadOnlyList<string>? ExtraTags = null)
{
    /// <summary>The entry for a closed spool segment, named by its file name (playlists sit beside the segments).</summary>
    public static HlsSegmentEntry FromSegment(VideoSegment segment, string? uri = null)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return new HlsSegmentEntry(
            segment.Sequence,
            uri ?? System.IO.Path.GetFileName(segment.Path),
            segment.Duration,
            segment.StartUtc,
            segment.Discontinuity);
    }
}
