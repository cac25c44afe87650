namespace RafeCast.Core.Video;

/// <summary>
/// One closed media segment of one rung of a stream, as it lies in the local spool.
/// </summary>
/// <param name="Stream">The stream it belongs to.</param>
/// <param name="Rung">The rendition name, e.g. "720p", or "source" for passthrough.</param>
/// <param name="Sequence">Media sequence number, monotonic per stream and rung across restarts.</param>
/// <param name="StartUtc">UTC wall time of the segment's first frame.</param>
/// <param name="Duration">Media duration of the segment.</param>
/// <param name="Path">Absolute path of the segment file in the spool.</param>
/// <param name="SizeBytes">File size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="Pts">Presentation time range of the segment in the stream's timeline, when known.</param>
/// <param name="Discontinuity">True when this segment follows a restart or input gap (EXT-X-DISCONTINUITY).</param>
public sealed record VideoSegment(
    StreamId Stream,
    string Rung,
    long Sequence,
    DateTimeOffset StartUtc,
    TimeSpan Duration,
    string Path,
    long SizeBytes,
    string Sha256,
    PresentationTimeRange? Pts = null,
    bool Discontinuity = false)
{
    /// <summary>UTC wall time just after the segment's last frame.</summary>
    public DateTimeOffset EndUtc => StartUtc + Duration;
}

/// <summary>First and last presentation timestamps of a segment, in seconds of the stream's timeline.</summary>
public readonly record struct PresentationTimeRange(double FirstSeconds, double LastSeconds);
