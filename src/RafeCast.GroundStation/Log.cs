using Microsoft.Extensions.Logging;
using RafeCast.Core.Logging;
using RafeCast.GroundStation.Hosting;

namespace RafeCast.GroundStation;

/// <summary>The ground station's log messages (event ids from <see cref="LogEventIds.GroundStation"/>).</summary>
internal static partial class Log
{
    // 1-19: host and stages
    [LoggerMessage(EventId = LogEventIds.GroundStation + 1, Level = LogLevel.Information, Message = "Ground station listening on {Url} (viewer page, /healthz, /metrics)")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 2, Level = LogLevel.Information, Message = "Starting stage {Stage} ({Phase})")]
    public static partial void StageStarting(ILogger logger, string stage, StationStagePhase phase);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 3, Level = LogLevel.Information, Message = "Stage {Stage} started in {ElapsedMs:F0} ms")]
    public static partial void StageStarted(ILogger logger, string stage, double elapsedMs);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 4, Level = LogLevel.Error, Message = "Stage {Stage} failed to start; stopping the stages already started")]
    public static partial void StageStartFailed(ILogger logger, Exception exception, string stage);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 5, Level = LogLevel.Information, Message = "Stopping stage {Stage} ({Phase})")]
    public static partial void StageStopping(ILogger logger, string stage, StationStagePhase phase);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 6, Level = LogLevel.Information, Message = "Stage {Stage} stopped in {ElapsedMs:F0} ms")]
    public static partial void StageStopped(ILogger logger, string stage, double elapsedMs);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 7, Level = LogLevel.Error, Message = "Stage {Stage} failed to stop cleanly after {ElapsedMs:F0} ms; the other stages still stop")]
    public static partial void StageStopFailed(ILogger logger, Exception exception, string stage, double elapsedMs);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 8, Level = LogLevel.Information, Message = "Ground station stopping: stages get up to {TimeoutSeconds:F0} s to flush")]
    public static partial void Stopping(ILogger logger, double timeoutSeconds);

    // 20-39: viewer
    [LoggerMessage(EventId = LogEventIds.GroundStation + 20, Level = LogLevel.Warning, Message = "hls.js is missing, so the viewer page cannot play video: {Problem}")]
    public static partial void HlsJsMissing(ILogger logger, string problem);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 21, Level = LogLevel.Debug, Message = "Serving hls.js from {Path}")]
    public static partial void HlsJsFound(ILogger logger, string path);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 22, Level = LogLevel.Debug, Message = "Viewer {Remote} connected to live updates ({Connections} connection(s))")]
    public static partial void ViewerConnected(ILogger logger, string remote, int connections);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 23, Level = LogLevel.Debug, Message = "Viewer {Remote} disconnected after {Sent} update(s); {Dropped} dropped because it fell behind")]
    public static partial void ViewerDisconnected(ILogger logger, string remote, long sent, long dropped);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 24, Level = LogLevel.Warning, Message = "The dome map could not be read: {Problem}")]
    public static partial void DomeMapFailed(ILogger logger, Exception exception, string problem);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 25, Level = LogLevel.Debug, Message = "Serving local HLS from {Directory} at /hls/")]
    public static partial void LocalHlsDirectory(ILogger logger, string directory);
}
