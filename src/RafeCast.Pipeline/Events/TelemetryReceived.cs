using Mediator;
using RafeCast.Core.Telemetry;

namespace RafeCast.Pipeline.Events;

/// <summary>A vehicle reported a new position fix.</summary>
public sealed record TelemetryReceived(TelemetrySample Sample) : INotification;
