using Mediator;
using RafeCast.Core.Publishing;

namespace RafeCast.Pipeline.Events;

/// <summary>A tagged segment is visible in blob storage.</summary>
public sealed record SegmentPublished(PublishedSegment Published) : INotification;
