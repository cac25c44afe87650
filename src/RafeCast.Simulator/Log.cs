using Microsoft.Extensions.Logging;
using RafeCast.Core.Logging;

namespace RafeCast.Simulator;

/// <summary>The simulator's log messages (event ids from <see cref="LogEventIds.Simulator"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = LogEventIds.Simulator + 1, Level = LogLevel.Information, Message = "Simulating {Vehicles} vehicle(s) at {Home} with seed {Seed}")]
    public static partial void SimulatorStarted(ILogger logger, int vehicles, string home, int seed);

    [LoggerMessage(EventId = LogEventIds.Simulator + 2, Level = LogLevel.Information, Message = "Vehicle {SystemId}: {Text}")]
    public static partial void VehicleStatusText(ILogger logger, byte systemId, string text);

    [LoggerMessage(EventId = LogEventIds.Simulator + 3, Level = LogLevel.Debug, Message = "Vehicle {SystemId}: command {Command} from {Source} -> {Result}")]
    public static partial void CommandHandled(ILogger logger, byte systemId, string command, string source, string result);

    [LoggerMessage(EventId = LogEventIds.Simulator + 4, Level = LogLevel.Warning, Message = "Dropped a {Message} frame from {Source}: {Reason}")]
    public static partial void FrameRejected(ILogger logger, string message, string source, string reason);

    [LoggerMessage(EventId = LogEventIds.Simulator + 5, Level = LogLevel.Warning, Message = "Link loss fault: nothing sent or received for {Seconds:F1} s")]
    public static partial void LinkLossStarted(ILogger logger, double seconds);

    [LoggerMessage(EventId = LogEventIds.Simulator + 6, Level = LogLevel.Information, Message = "Link loss fault over")]
    public static partial void LinkLossEnded(ILogger logger);

    [LoggerMessage(EventId = LogEventIds.Simulator + 7, Level = LogLevel.Information, Message = "Vehicle {SystemId}: camera streaming to {Url}")]
    public static partial void CameraStarted(ILogger logger, byte systemId, string url);

    [LoggerMessage(EventId = LogEventIds.Simulator + 8, Level = LogLevel.Information, Message = "Vehicle {SystemId}: camera stopped")]
    public static partial void CameraStopped(ILogger logger, byte systemId);

    [LoggerMessage(EventId = LogEventIds.Simulator + 9, Level = LogLevel.Error, Message = "Vehicle {SystemId}: camera failed; restarting in {Seconds:F0} s")]
    public static partial void CameraFailed(ILogger logger, Exception exception, byte systemId, double seconds);

    [LoggerMessage(EventId = LogEventIds.Simulator + 10, Level = LogLevel.Warning, Message = "Outgoing queue full: dropped {Dropped} frame(s) so far")]
    public static partial void OutgoingDropped(ILogger logger, long dropped);

    [LoggerMessage(EventId = LogEventIds.Simulator + 11, Level = LogLevel.Error, Message = "Sending on the link failed")]
    public static partial void SendFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = LogEventIds.Simulator + 12, Level = LogLevel.Error, Message = "A simulation step failed")]
    public static partial void StepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = LogEventIds.Simulator + 13, Level = LogLevel.Information, Message = "Simulator stopped")]
    public static partial void SimulatorStopped(ILogger logger);

    [LoggerMessage(EventId = LogEventIds.Simulator + 14, Level = LogLevel.Error, Message = "Receiving from the link failed")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception);
}
