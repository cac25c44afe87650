using RafeCast.Pipeline.Events;

namespace RafeCast.Storage.Outbox;

/// <summary>
/// Records every <see cref="SegmentTagged"/> in the durable outbox, with the playlists to publish after it.
/// Local disk work only: the mediator (and so capture) never waits for the network.
/// </summary>
/// <remarks>
/// Not an <c>INotificationHandler</c> itself: Mediator's source generator registers every handler of every
/// referenced assembly in each composition root, so a handler here would make any host that does not add the
/// storage stage fail. The ground station's one-line handler calls <see cref="Record"/>.
/// </remarks>
public sealed class SegmentTaggedRecorder(DurableOutbox outbox, IPublishPlaylistSource playlists)
{
    /// <summary>Queues the segment; returns once its job is durable. Returns the job id.</summary>
    public long Record(SegmentTagged notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var tagged = notification.Tagged;
        return outbox.EnqueueSegment(tagged, playlists.LivePlaylists(tagged), playlists.ArchivePlaylists(tagged));
    }
}
