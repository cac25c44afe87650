using RafeCast.Video.Ffmpeg;

namespace RafeCast.Video.Streams;

/// <summary>Where a stream is in its life.</summary>
public enum VideoStreamState
{
    /// <summary>Not started yet.</summary>
    Idle,
    /// <summary>ffmpeg runs (it may still wait for the source to send).</summary>
    Running,
    /// <summary>The run ended; waiting out the backoff before restarting.</summary>
    Restarting,
    /// <summary>Several runs in a row produced nothing; still retrying at the longest backoff.</summary>
    Failing,
    /// <summary>A finite input (a file) was ingested completely.</summary>
    Ended,
    /// <summary>Stopped on request.</summary>
    Stopped,
}

/// <summary>A snapshot of one stream's health, for status pages and tests.</summary>
/// <param name="State">Life-cycle state.</param>
/// <param name="ProcessId">The running ffmpeg's process id, if one runs.</param>
/// <param name="Runs">ffmpeg runs started so far (1 + restarts).</param>
/// <param name="ConsecutiveFailures">Runs in a row that ended without producing a segment.</param>
/// <param name="SegmentsClosed">Segments closed over all rungs.</param>
/// <param name="Gaps">Interruptions recorded (StreamGap published).</param>
/// <param name="LastProgress">ffmpeg's latest progress report.</param>
/// <param name="LastError">Why the last run ended, if it ended on its own.</param>
public sealed record VideoStreamStatus(
    VideoStreamState State,
    int? ProcessId,
    int Runs,
    int ConsecutiveFailures,
    long SegmentsClosed,
    int Gaps,
    FfmpegProgress? LastProgress,
    string? LastError);
