using RafeCast.Core.Vehicles;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Frames received and lost per sender, counted on the links' receive loops for the metrics: a gap in a
/// sender's 8-bit sequence numbers is that many lost frames (MAVLink 2 spec, "packet loss"). A jump of half
/// the sequence space or more is a restarted sender, not loss.
/// </summary>
internal sealed class LinkStatistics : IMavlinkFrameHandler
{
    private readonly Lock _gate = new();
    private readonly Dictionary<VehicleId, Sender> _senders = [];

    public void OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc)
    {
        var id = frame.Source;
        var sequence = frame.Sequence;
        lock (_gate)
        {
            if (!_senders.TryGetValue(id, out var sender))
            {
                _senders[id] = new Sender { Received = 1, LastSequence = sequence };
                return;
            }
            var gap = (byte)(sequence - sender.LastSequence - 1);
            if (gap is > 0 and < 128)
            {
                sender.Lost += gap;
            }
            sender.Received++;
            sender.LastSequence = sequence;
        }
    }

    /// <summary>Frames received and lost per sender so far.</summary>
    public IReadOnlyList<(VehicleId Sender, long Received, long Lost)> Snapshot()
    {
        lock (_gate)
        {
            return [.. _senders.Select(s => (s.Key, s.Value.Received, s.Value.Lost))];
        }
    }

    private sealed class Sender
    {
        public long Received { get; set; }

        public long Lost { get; set; }

        public byte LastSequence { get; set; }
    }
}
