using Microsoft.Extensions.Logging;
using RafeCast.Core.Logging;

namespace RafeCast.Geo;

/// <summary>The geo stage's log messages (event ids from <see cref="LogEventIds.Geo"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.Geo + 1, Level = LogLevel.Information, Message = "Dome registry {Source} in use: {Domes} dome(s)")]
    public static partial void RegistryInUse(ILogger logger, string source, int domes);

    [LoggerMessage(EventId = LogEventIds.Geo + 2, Level = LogLevel.Information, Message = "Vehicle {Vehicle} crossed dome {DomeId}: {Direction} at {TimeUtc:O}")]
    public static partial void DomeCrossed(ILogger logger, string vehicle, string domeId, string direction, DateTimeOffset timeUtc);

    [LoggerMessage(EventId = LogEventIds.Geo + 3, Level = LogLevel.Debug, Message = "Tagged segment {Stream}/{Rung} #{Sequence}: {Classification} (stale: {Stale})")]
    public static partial void SegmentTagged(ILogger logger, string stream, string rung, long sequence, string classification, bool stale);

    [LoggerMessage(EventId = LogEventIds.Geo + 4, Level = LogLevel.Debug, Message = "Telemetry sample of {Vehicle} at {TimeUtc:O} not added to its track: {Reason}")]
    public static partial void SampleNotAdded(ILogger logger, string vehicle, DateTimeOffset timeUtc, string reason);

    [LoggerMessage(EventId = LogEventIds.Geo + 5, Level = LogLevel.Warning, Message = "Segment {Stream}/{Rung} #{Sequence} has no position for part of its window: tagged unknown")]
    public static partial void SegmentWithoutPosition(ILogger logger, string stream, string rung, long sequence);
}
