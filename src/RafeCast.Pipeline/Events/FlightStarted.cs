using Mediator;
using RafeCast.Core.Flights;
using RafeCast.Core.Vehicles;

namespace RafeCast.Pipeline.Events;

/// <summary>A vehicle armed: its footage and telemetry from <paramref name="StartUtc"/> on belong to <paramref name="Flight"/>.</summary>
/// <param name="Flight">The new flight, e.g. <c>20261126T103000Z-v1</c>.</param>
/// <param name="Vehicle">Whose flight it is.</param>
/// <param name="StartUtc">When the station saw the vehicle armed (the heartbeat's arrival), UTC.</param>
public sealed record FlightStarted(FlightId Flight, VehicleId Vehicle, DateTimeOffset StartUtc) : INotification;
