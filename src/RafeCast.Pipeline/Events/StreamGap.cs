using Mediator;
using RafeCast.Core.Video;

namespace RafeCast.Pipeline.Events;

/// <summary>A stream produced nothing for a while and has resumed (or is restarting).</summary>
public sealed record StreamGap(StreamInterruption Gap) : INotification;
