using Mediator;
using RafeCast.Core.Domes;

namespace RafeCast.Pipeline.Events;

/// <summary>A vehicle crossed a dome boundary.</summary>
public sealed record DomeCrossed(DomeCrossing Crossing) : INotification;
