namespace RafeCast.Core.Video;

/// <summary>Why a stream stopped producing media for a while.</summary>
public enum StreamInterruptionReason
{
    /// <summary>No input packets arrived for longer than the input timeout.</summary>
    InputLost,
    /// <summary>The ffmpeg process exited or was killed.</summary>
    ProcessExited,
    /// <summary>The stream was stopped and started on purpose.</summary>
    Restarted,
}

/// <summary>A span of wall time in which a stream produced no segments; the next segment is a discontinuity.</summary>
public sealed record StreamInterruption(
    StreamId Stream,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    StreamInterruptionReason Reason,
    string Detail);
