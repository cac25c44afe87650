using Mediator;
using RafeCast.Core.Tagging;

namespace RafeCast.Pipeline.Events;

/// <summary>A closed segment has its flight, location and dome tags and is ready to publish.</summary>
public sealed record SegmentTagged(TaggedSegment Tagged) : INotification;
