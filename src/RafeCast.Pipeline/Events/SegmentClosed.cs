using Mediator;
using RafeCast.Core.Video;

namespace RafeCast.Pipeline.Events;

/// <summary>A segment is complete in the spool: its file will not change again.</summary>
public sealed record SegmentClosed(VideoSegment Segment) : INotification;
