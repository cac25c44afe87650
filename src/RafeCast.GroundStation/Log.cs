using Microsoft.Extensions.Logging;
using RafeCast.Core.Logging;
using RafeCast.GroundStation.Hosting;
using RafeCast.Pipeline.Events;

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

    [LoggerMessage(EventId = LogEventIds.GroundStation + 9, Level = LogLevel.Error, Message = "Stage {Stage} failed while running; it does no more work until the station restarts")]
    public static partial void StageFaulted(ILogger logger, Exception exception, string stage);

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

    // 40-59: MAVLink links, flights
    [LoggerMessage(EventId = LogEventIds.GroundStation + 40, Level = LogLevel.Information, Message = "MAVLink link {Link} open ({Role})")]
    public static partial void LinkOpen(ILogger logger, string link, string role);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 41, Level = LogLevel.Information, Message = "Flight {Flight} of vehicle {Vehicle} started at {StartUtc:O}")]
    public static partial void FlightStarted(ILogger logger, string flight, string vehicle, DateTimeOffset startUtc);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 42, Level = LogLevel.Information, Message = "Flight {Flight} of vehicle {Vehicle} ended at {EndUtc:O} ({Reason}); archiving it once its last segments are in")]
    public static partial void FlightEnding(ILogger logger, string flight, string vehicle, DateTimeOffset endUtc, FlightEndReason reason);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 43, Level = LogLevel.Information, Message = "Flight {Flight} archived: {Segments} segment(s), {Files} file(s) queued (playlists ended, sidecars, telemetry)")]
    public static partial void FlightArchived(ILogger logger, string flight, long segments, int files);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 44, Level = LogLevel.Warning, Message = "Segment {Stream}/{Rung}/{Sequence} of flight {Flight} arrived after the flight was archived; it is archived under the flight but not listed in its ended playlist")]
    public static partial void SegmentAfterFlightArchived(ILogger logger, string stream, string rung, long sequence, string flight);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 45, Level = LogLevel.Error, Message = "Archiving flight {Flight} failed; what was queued stays queued")]
    public static partial void FlightArchiveFailed(ILogger logger, Exception exception, string flight);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 46, Level = LogLevel.Warning, Message = "Stream {Stream} belongs to no known vehicle (name streams v{{sysid}}-cam{{n}}); its segments are filed under vehicle 0")]
    public static partial void StreamWithoutVehicle(ILogger logger, string stream);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 47, Level = LogLevel.Error, Message = "Writing the telemetry log of flight {Flight} failed; the flight goes on without it")]
    public static partial void FlightTelemetryFailed(ILogger logger, Exception exception, string flight);

    // 60-79: video discovery, publishing
    [LoggerMessage(EventId = LogEventIds.GroundStation + 60, Level = LogLevel.Information, Message = "Vehicle {Vehicle} advertises video stream {StreamNumber} at {Uri}: ingesting it as {Stream} ({Ladder})")]
    public static partial void VideoDiscovered(ILogger logger, string vehicle, int streamNumber, string uri, string stream, string ladder);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 61, Level = LogLevel.Information, Message = "Vehicle {Vehicle} has no video stream to ingest: {Reason}")]
    public static partial void NoVideoDiscovered(ILogger logger, string vehicle, string reason);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 62, Level = LogLevel.Debug, Message = "Asking vehicle {Vehicle} for its video streams failed (attempt {Attempt} of {Attempts}): {Problem}")]
    public static partial void VideoDiscoveryAttemptFailed(ILogger logger, string vehicle, int attempt, int attempts, string problem);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 63, Level = LogLevel.Information, Message = "Storage is ready: {Endpoint}")]
    public static partial void StorageReady(ILogger logger, string endpoint);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 64, Level = LogLevel.Warning, Message = "Storage cannot be reached yet ({Problem}); the station starts anyway (RafeCast:Station:Publishing:RequireStorage is false) and the outbox keeps everything until it can")]
    public static partial void StorageUnreachableAtStart(ILogger logger, string problem);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 65, Level = LogLevel.Information, Message = "Publishing what is queued before stopping: {Pending} job(s), up to {Seconds:F0} s")]
    public static partial void Draining(ILogger logger, int pending, double seconds);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 66, Level = LogLevel.Warning, Message = "{Pending} job(s) are still queued at stop; they stay in the outbox ({Directory}) and are published on the next start")]
    public static partial void LeftQueued(ILogger logger, int pending, string directory);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 67, Level = LogLevel.Warning, Message = "The live URL for stream {Stream} comes from the station itself: storage is not available ({Problem})")]
    public static partial void LiveUrlFallback(ILogger logger, string stream, string problem);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 68, Level = LogLevel.Error, Message = "Queueing segment {Stream}/{Rung}/{Sequence} for publishing failed; it stays in the spool")]
    public static partial void SegmentQueueFailed(ILogger logger, Exception exception, string stream, string rung, long sequence);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 69, Level = LogLevel.Error, Message = "Ingesting the video of vehicle {Vehicle} failed ({Error}: {Problem}); its cameras are asked for again when it reconnects")]
    public static partial void VideoIngestFailed(ILogger logger, string vehicle, string error, string problem);

    [LoggerMessage(EventId = LogEventIds.GroundStation + 70, Level = LogLevel.Warning, Message = "Vehicle {Vehicle} advertises a video stream with the scheme '{Scheme}'; the station refuses it and ingests only network streams (udp, rtp, rtsp, rtsps, srt, rtmp, http, https, tcp)")]
    public static partial void VideoSchemeRefused(ILogger logger, string vehicle, string scheme);
}
