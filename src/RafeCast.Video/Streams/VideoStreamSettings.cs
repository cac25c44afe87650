using RafeCast.Core.Video;
using RafeCast.Video.Ladder;
using RafeCast.Video.Sources;

namespace RafeCast.Video.Streams;

/// <summary>Everything one <see cref="VideoStream"/> needs, resolved and validated.</summary>
public sealed record VideoStreamSettings
{
    public required StreamId Id { get; init; }

    public required VideoSource Source { get; init; }

    public RenditionLadder Ladder { get; init; } = RenditionLadder.Default;

    /// <summary>Where the stream's HLS tree goes: <c>master.m3u8</c> at its root, one folder per rung.</summary>
    public required string Directory { get; init; }

    /// <summary>Segment duration, 1 to 10 seconds.</summary>
    public TimeSpan SegmentDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>No new frame for this long means the input is lost.</summary>
    public TimeSpan InputTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public int LiveWindowSegments { get; init; } = 6;

    public string FfmpegPath { get; init; } = "ffmpeg";

    public string FfprobePath { get; init; } = "ffprobe";

    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(30);

    public int FailingAfterAttempts { get; init; } = 5;

    /// <summary>Checks ranges; the message names the setting.</summary>
    public void Validate()
    {
        if (SegmentDuration < TimeSpan.FromSeconds(1) || SegmentDuration > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException($"Stream {Id}: SegmentSeconds must be between 1 and 10 (got {SegmentDuration.TotalSeconds}).");
        }
        if (InputTimeout < TimeSpan.FromSeconds(0.5))
        {
            throw new ArgumentException($"Stream {Id}: InputTimeoutSeconds must be at least 0.5 (got {InputTimeout.TotalSeconds}).");
        }
        if (LiveWindowSegments < 3)
        {
            throw new ArgumentException($"Stream {Id}: LiveWindowSegments must be at least 3 (got {LiveWindowSegments}).");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(Directory);
    }
}
