using Mediator;
using RafeCast.Core.Vehicles;

namespace RafeCast.Pipeline.Events;

/// <summary>Nothing was heard from a vehicle for longer than the link-loss timeout.</summary>
/// <param name="Vehicle">Who.</param>
/// <param name="LastHeardUtc">When its last message arrived.</param>
/// <param name="DetectedUtc">When the loss was declared.</param>
public sealed record VehicleLinkLost(VehicleId Vehicle, DateTimeOffset LastHeardUtc, DateTimeOffset DetectedUtc) : INotification;
