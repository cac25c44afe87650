using Mediator;
using RafeCast.Core.Vehicles;

namespace RafeCast.Pipeline.Events;

/// <summary>A vehicle was heard for the first time, or again after its link was lost.</summary>
/// <param name="Vehicle">Who.</param>
/// <param name="AtUtc">When its first heartbeat arrived.</param>
/// <param name="Link">The connection string of the link it was heard on.</param>
/// <param name="Regained">True when this follows a <see cref="VehicleLinkLost"/>.</param>
public sealed record VehicleConnected(VehicleId Vehicle, DateTimeOffset AtUtc, string Link, bool Regained) : INotification;
