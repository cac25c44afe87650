using Microsoft.Extensions.Logging;
using RafeCast.Core.Logging;

namespace RafeCast.Mavlink;

/// <summary>The MAVLink stage's log messages (event ids from <see cref="LogEventIds.Mavlink"/>). Never logs signatures or keys.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.Mavlink + 1, Level = LogLevel.Information, Message = "Link {Link} open")]
    public static partial void LinkOpened(ILogger logger, string link);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 2, Level = LogLevel.Information, Message = "Link {Link} ended ({Frames} frames, {CrcErrors} checksum errors, {Dropped} dropped bytes)")]
    public static partial void LinkEnded(ILogger logger, string link, long frames, long crcErrors, long dropped);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 3, Level = LogLevel.Error, Message = "Link {Link} failed")]
    public static partial void LinkFailed(ILogger logger, Exception exception, string link);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 4, Level = LogLevel.Warning, Message = "Link {Link} refused a frame from {SystemId}/{ComponentId} (message {MessageId}): signature {Check}")]
    public static partial void FrameRefused(ILogger logger, string link, byte systemId, byte componentId, uint messageId, Signing.SignatureCheck check);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 5, Level = LogLevel.Warning, Message = "Sending on link {Link} failed")]
    public static partial void SendFailed(ILogger logger, Exception exception, string link);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 6, Level = LogLevel.Error, Message = "A frame handler on link {Link} failed; the link goes on")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string link);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 10, Level = LogLevel.Information, Message = "Vehicle {Vehicle} connected on {Link} ({Autopilot}, {Type})")]
    public static partial void VehicleConnected(ILogger logger, string vehicle, string link, string autopilot, string type);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 11, Level = LogLevel.Warning, Message = "Vehicle {Vehicle} link lost: nothing heard for {Silence:F1} s")]
    public static partial void VehicleLinkLost(ILogger logger, string vehicle, double silence);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 12, Level = LogLevel.Information, Message = "Vehicle {Vehicle} link regained on {Link}")]
    public static partial void VehicleLinkRegained(ILogger logger, string vehicle, string link);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 13, Level = LogLevel.Information, Message = "Vehicle {Vehicle} is now {Armed} in mode {Mode}")]
    public static partial void VehicleStateChanged(ILogger logger, string vehicle, string armed, string mode);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 14, Level = LogLevel.Warning, Message = "Dropped a {Notification} notification: the publishing queue is full")]
    public static partial void NotificationDropped(ILogger logger, string notification);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 15, Level = LogLevel.Error, Message = "Publishing {Notification} failed")]
    public static partial void NotificationFailed(ILogger logger, Exception exception, string notification);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 16, Level = LogLevel.Information, Message = "{Vehicle}: {Severity}: {Text}")]
    public static partial void StatusText(ILogger logger, string vehicle, string severity, string text);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 20, Level = LogLevel.Debug, Message = "Command {Command} to {Vehicle}: attempt {Attempt}")]
    public static partial void CommandSent(ILogger logger, string command, string vehicle, int attempt);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 21, Level = LogLevel.Information, Message = "Command {Command} to {Vehicle}: {Result} after {Attempts} attempt(s)")]
    public static partial void CommandAnswered(ILogger logger, string command, string vehicle, string result, int attempts);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 22, Level = LogLevel.Debug, Message = "Mission {Operation} with {Vehicle}: {Detail}")]
    public static partial void MissionStep(ILogger logger, string operation, string vehicle, string detail);

    [LoggerMessage(EventId = LogEventIds.Mavlink + 23, Level = LogLevel.Debug, Message = "Parameter {Operation} with {Vehicle}: {Detail}")]
    public static partial void ParameterStep(ILogger logger, string operation, string vehicle, string detail);
}
