using Microsoft.Extensions.Logging;
using RafeCast.Core.Logging;

namespace RafeCast.Storage;

/// <summary>The storage stage's log messages (event ids from <see cref="LogEventIds.Storage"/>). No secret ever reaches them.</summary>
internal static partial class Log
{
    // Azurite (1-19)
    [LoggerMessage(EventId = LogEventIds.Storage + 1, Level = LogLevel.Information, Message = "Starting Azurite: {CommandLine}")]
    public static partial void AzuriteStarting(ILogger logger, string commandLine);

    [LoggerMessage(EventId = LogEventIds.Storage + 2, Level = LogLevel.Information, Message = "Azurite listens on 127.0.0.1:{Port} (pid {Pid}, data {Location})")]
    public static partial void AzuriteListening(ILogger logger, int port, int pid, string location);

    [LoggerMessage(EventId = LogEventIds.Storage + 3, Level = LogLevel.Trace, Message = "azurite:{Port} {Line}")]
    public static partial void AzuriteStdout(ILogger logger, int port, string line);

    [LoggerMessage(EventId = LogEventIds.Storage + 4, Level = LogLevel.Warning, Message = "azurite:{Port} stderr: {Line}")]
    public static partial void AzuriteStderr(ILogger logger, int port, string line);

    [LoggerMessage(EventId = LogEventIds.Storage + 5, Level = LogLevel.Information, Message = "Azurite on port {Port} stopped (exit code {ExitCode})")]
    public static partial void AzuriteStopped(ILogger logger, int port, int exitCode);

    [LoggerMessage(EventId = LogEventIds.Storage + 6, Level = LogLevel.Error, Message = "Azurite on port {Port} exited unexpectedly with code {ExitCode}; last output: {Output}")]
    public static partial void AzuriteExitedUnexpectedly(ILogger logger, int port, int exitCode, string output);

    [LoggerMessage(EventId = LogEventIds.Storage + 7, Level = LogLevel.Warning, Message = "Azurite on port {Port} did not stop within {Seconds} s of SIGTERM; killed its process tree")]
    public static partial void AzuriteKilled(ILogger logger, int port, double seconds);

    [LoggerMessage(EventId = LogEventIds.Storage + 8, Level = LogLevel.Information, Message = "Using the embedded Azurite another RafeCast process runs on port {Port} ({Location})")]
    public static partial void EmbeddedAzuriteAttached(ILogger logger, int port, string location);

    // Account (20-29)
    [LoggerMessage(EventId = LogEventIds.Storage + 20, Level = LogLevel.Information, Message = "CORS on account {Account} is left to the infrastructure (an identity-based client cannot set service properties)")]
    public static partial void CorsLeftToInfrastructure(ILogger logger, string account);

    [LoggerMessage(EventId = LogEventIds.Storage + 21, Level = LogLevel.Information, Message = "CORS set for live reads from {Origins}")]
    public static partial void CorsConfigured(ILogger logger, string origins);

    // Outbox (30-49)
    [LoggerMessage(EventId = LogEventIds.Storage + 30, Level = LogLevel.Error, Message = "Outbox record {Path} is unreadable; moved to failed/ for inspection")]
    public static partial void OutboxRecordUnreadable(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = LogEventIds.Storage + 31, Level = LogLevel.Information, Message = "Outbox recovered {Count} job(s) ({Bytes} bytes) from {Directory}; publishing them first")]
    public static partial void OutboxRecovered(ILogger logger, int count, long bytes, string directory);

    [LoggerMessage(EventId = LogEventIds.Storage + 32, Level = LogLevel.Debug, Message = "Queued segment {Stream}/{Rung}/{Sequence} of flight {Flight} (by reference: {ByReference})")]
    public static partial void SegmentQueued(ILogger logger, string stream, string rung, long sequence, string flight, bool byReference);

    [LoggerMessage(EventId = LogEventIds.Storage + 33, Level = LogLevel.Debug, Message = "Queued {Kind} file {Name} (by reference: {ByReference})")]
    public static partial void FileQueued(ILogger logger, string name, string kind, bool byReference);

    [LoggerMessage(EventId = LogEventIds.Storage + 34, Level = LogLevel.Warning, Message = "Outbox {Directory} is above 80 % of its disk quota ({Used} of {Quota} bytes): storage has been unreachable for a while")]
    public static partial void OutboxQuotaWarning(ILogger logger, long used, long quota, string directory);

    [LoggerMessage(EventId = LogEventIds.Storage + 35, Level = LogLevel.Error, Message = "Outbox {Directory} reached its disk quota ({Used} of {Quota} bytes): new segments are queued by reference to the spool — keep the spool's files until they are published")]
    public static partial void OutboxQuotaFull(ILogger logger, long used, long quota, string directory);

    [LoggerMessage(EventId = LogEventIds.Storage + 36, Level = LogLevel.Error, Message = "Job {JobId} ({Kind}) can never be published: {Reason}; its record is in {FailedDirectory}")]
    public static partial void JobFailedPermanently(ILogger logger, long jobId, string kind, string reason, string failedDirectory);

    // Uploader (50-79)
    [LoggerMessage(EventId = LogEventIds.Storage + 50, Level = LogLevel.Information, Message = "Storage reachable again ({Lane} lane) after {Failures} failed attempt(s)")]
    public static partial void StorageReachableAgain(ILogger logger, string lane, int failures);

    [LoggerMessage(EventId = LogEventIds.Storage + 51, Level = LogLevel.Warning, Message = "Upload failed ({Lane} lane, job {JobId}, attempt {Failures}); retrying in {DelaySeconds:F1} s: {Error}")]
    public static partial void UploadFailed(ILogger logger, string lane, long jobId, int failures, double delaySeconds, string error);

    [LoggerMessage(EventId = LogEventIds.Storage + 52, Level = LogLevel.Debug, Message = "Live copy of {Stream}/{Rung}/{Sequence} skipped: older than the live retention")]
    public static partial void LiveSkippedStale(ILogger logger, string stream, string rung, long sequence);

    [LoggerMessage(EventId = LogEventIds.Storage + 53, Level = LogLevel.Warning, Message = "Live playlist {Playlist} held back: it lists {Missing}, which is not in the live container")]
    public static partial void LivePlaylistHeldBack(ILogger logger, string playlist, string missing);

    [LoggerMessage(EventId = LogEventIds.Storage + 54, Level = LogLevel.Error, Message = "Archive already holds a different {Name}; this segment is archived as {Alternative} instead")]
    public static partial void ArchiveNameConflict(ILogger logger, string name, string alternative);

    [LoggerMessage(EventId = LogEventIds.Storage + 55, Level = LogLevel.Information, Message = "{Name} was already in the archive with the same MD5 (an earlier attempt wrote it); not written again")]
    public static partial void SegmentAlreadyArchived(ILogger logger, string name);

    [LoggerMessage(EventId = LogEventIds.Storage + 56, Level = LogLevel.Debug, Message = "Archived {Name} ({Outcome})")]
    public static partial void SegmentArchived(ILogger logger, string name, string outcome);

    [LoggerMessage(EventId = LogEventIds.Storage + 57, Level = LogLevel.Debug, Message = "Manifest {Name} uploaded ({Entries} assets)")]
    public static partial void ManifestUploaded(ILogger logger, string name, int entries);

    [LoggerMessage(EventId = LogEventIds.Storage + 58, Level = LogLevel.Debug, Message = "Published {Stream}/{Rung}/{Sequence}, {LatencyMs:F0} ms after it closed")]
    public static partial void SegmentPublished(ILogger logger, string stream, string rung, long sequence, double latencyMs);

    // Live retention (80-89)
    [LoggerMessage(EventId = LogEventIds.Storage + 80, Level = LogLevel.Information, Message = "Deleted {Count} live segment(s) older than the retention window from {Container}")]
    public static partial void LiveSwept(ILogger logger, int count, string container);

    [LoggerMessage(EventId = LogEventIds.Storage + 81, Level = LogLevel.Warning, Message = "Live retention sweep failed; retrying next interval: {Error}")]
    public static partial void LiveSweepFailed(ILogger logger, string error);
}
