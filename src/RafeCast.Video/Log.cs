using Microsoft.Extensions.Logging;
using RafeCast.Core.Logging;

namespace RafeCast.Video;

/// <summary>The video stage's log messages (event ids from <see cref="LogEventIds.Video"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.Video + 1, Level = LogLevel.Information, Message = "ffmpeg for {Name}: {CommandLine}")]
    public static partial void FfmpegStarting(ILogger logger, string name, string commandLine);

    [LoggerMessage(EventId = LogEventIds.Video + 2, Level = LogLevel.Debug, Message = "ffmpeg for {Name} started as process {ProcessId}")]
    public static partial void FfmpegStarted(ILogger logger, string name, int processId);

    [LoggerMessage(EventId = LogEventIds.Video + 3, Level = LogLevel.Debug, Message = "Stopping ffmpeg for {Name} with 'q' ({GraceSeconds:F1} s grace)")]
    public static partial void FfmpegStopping(ILogger logger, string name, double graceSeconds);

    [LoggerMessage(EventId = LogEventIds.Video + 4, Level = LogLevel.Warning, Message = "ffmpeg for {Name} ignored 'q'; sending SIGINT")]
    public static partial void FfmpegInterrupting(ILogger logger, string name);

    [LoggerMessage(EventId = LogEventIds.Video + 5, Level = LogLevel.Warning, Message = "Killing ffmpeg for {Name} (process {ProcessId}) and its children")]
    public static partial void FfmpegKilling(ILogger logger, string name, int processId);

    [LoggerMessage(EventId = LogEventIds.Video + 6, Level = LogLevel.Debug, Message = "ffmpeg for {Name} exited with code {ExitCode}")]
    public static partial void FfmpegExited(ILogger logger, string name, int exitCode);

    [LoggerMessage(EventId = LogEventIds.Video + 7, Level = LogLevel.Warning, Message = "ffmpeg for {Name} exited on its own with code {ExitCode}: {LastLines}")]
    public static partial void FfmpegExitedUnexpectedly(ILogger logger, string name, int exitCode, string lastLines);

    [LoggerMessage(EventId = LogEventIds.Video + 8, Level = LogLevel.Error, Message = "Reading ffmpeg's output for {Name} failed; the process was killed")]
    public static partial void FfmpegOutputFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(EventId = LogEventIds.Video + 9, Level = LogLevel.Trace, Message = "ffmpeg {Name}: frame {Frame}, {Fps:F1} fps, speed {Speed:F2}x, dropped {Dropped}")]
    public static partial void FfmpegProgress(ILogger logger, string name, long frame, double fps, double speed, long dropped);

    [LoggerMessage(EventId = LogEventIds.Video + 20, Level = LogLevel.Information, Message = "Stream {Stream}: segment {Rung}/{Sequence} closed ({DurationSeconds:F3} s, {SizeBytes} bytes, starts {StartUtc:O})")]
    public static partial void SegmentClosed(ILogger logger, string stream, string rung, long sequence, double durationSeconds, long sizeBytes, DateTimeOffset startUtc);

    [LoggerMessage(EventId = LogEventIds.Video + 21, Level = LogLevel.Warning, Message = "Stream {Stream}: segment list names {File}, which is missing; skipped")]
    public static partial void SegmentMissing(ILogger logger, string stream, string file);

    [LoggerMessage(EventId = LogEventIds.Video + 22, Level = LogLevel.Warning, Message = "Stream {Stream}: publishing SegmentClosed for {Rung}/{Sequence} failed")]
    public static partial void SegmentPublishFailed(ILogger logger, Exception exception, string stream, string rung, long sequence);

    [LoggerMessage(EventId = LogEventIds.Video + 23, Level = LogLevel.Warning, Message = "Stream {Stream}: writing playlists to {Directory} failed")]
    public static partial void PlaylistWriteFailed(ILogger logger, Exception exception, string stream, string directory);

    [LoggerMessage(EventId = LogEventIds.Video + 24, Level = LogLevel.Warning, Message = "Stream {Stream}: ffprobe of {Path} failed; the master playlist uses the configured size")]
    public static partial void ProbeFailed(ILogger logger, Exception exception, string stream, string path);

    [LoggerMessage(EventId = LogEventIds.Video + 10, Level = LogLevel.Error, Message = "A handler of ffmpeg's {Event} for {Name} threw; ignored")]
    public static partial void FfmpegHandlerFailed(ILogger logger, Exception exception, string @event, string name);

    [LoggerMessage(EventId = LogEventIds.Video + 30, Level = LogLevel.Information, Message = "Stream {Stream}: ingesting {Input} into {Rungs} (segments {SegmentSeconds:F1} s, next sequence {Sequence})")]
    public static partial void StreamStarting(ILogger logger, string stream, string input, string rungs, double segmentSeconds, long sequence);

    [LoggerMessage(EventId = LogEventIds.Video + 31, Level = LogLevel.Warning, Message = "Stream {Stream}: no input for {Seconds:F1} s; restarting ffmpeg")]
    public static partial void InputLost(ILogger logger, string stream, double seconds);

    [LoggerMessage(EventId = LogEventIds.Video + 32, Level = LogLevel.Warning, Message = "Stream {Stream}: run ended ({Reason}: {Detail}); restart {Attempt} in {DelaySeconds:F1} s")]
    public static partial void StreamRestarting(ILogger logger, string stream, string reason, string detail, int attempt, double delaySeconds);

    [LoggerMessage(EventId = LogEventIds.Video + 33, Level = LogLevel.Error, Message = "Stream {Stream} keeps failing: {Failures} runs in a row without a segment; last error: {Detail}. Other streams are unaffected; it keeps retrying every {DelaySeconds:F0} s")]
    public static partial void StreamFailing(ILogger logger, string stream, int failures, string detail, double delaySeconds);

    [LoggerMessage(EventId = LogEventIds.Video + 34, Level = LogLevel.Information, Message = "Stream {Stream} resumed after a {Reason} gap of {Seconds:F1} s")]
    public static partial void StreamResumed(ILogger logger, string stream, string reason, double seconds);

    [LoggerMessage(EventId = LogEventIds.Video + 35, Level = LogLevel.Information, Message = "Stream {Stream} stopped")]
    public static partial void StreamStopped(ILogger logger, string stream);

    [LoggerMessage(EventId = LogEventIds.Video + 36, Level = LogLevel.Error, Message = "Stream {Stream} failed outside ffmpeg")]
    public static partial void StreamCrashed(ILogger logger, Exception exception, string stream);

    [LoggerMessage(EventId = LogEventIds.Video + 37, Level = LogLevel.Information, Message = "Stream {Stream}: the input ended")]
    public static partial void InputEnded(ILogger logger, string stream);
}
