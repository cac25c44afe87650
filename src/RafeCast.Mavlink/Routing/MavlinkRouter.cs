using System.Threading.Channels;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;

namespace RafeCast.Mavlink.Routing;

/// <summary>
/// Forwards every frame received on one link to all the others, as it arrived (ids, sequence and signature
/// kept). No loops or duplicates: never back to the link it came from, never our own frames echoed back,
/// and a frame seen again within <see cref="DuplicateWindow"/> (the same bytes via another path) is not
/// forwarded twice. Each destination has a bounded queue; a slow one drops (and counts) instead of
/// stalling the others.
/// </summary>
public sealed class MavlinkRouter : IMavlinkFrameHandler, IAsyncDisposable
{
    /// <summary>How long a frame's fingerprint is remembered to catch duplicates.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMilliseconds(500);

    private const int QueueCapacity = 1024;
    private readonly Lock _gate = new();
    private readonly Dictionary<MavlinkLink, Destination> _destinations = [];
    private readonly Dictionary<ulong, long> _recent = [];
    private readonly Queue<(ulong Hash, long Seen)> _recentOrder = new();
    private readonly TimeProvider _time;
    private readonly byte _systemId;
    private readonly byte _componentId;
    private long _forwarded;
    private long _duplicates;
    private long _dropped;

    /// <param name="systemId">Our system id: frames from it are ours coming back and are not forwarded.</param>
    /// <param name="componentId">Our component id.</param>
    /// <param name="time">Clock for the duplicate window.</param>
    public MavlinkRouter(byte systemId, byte componentId, TimeProvider? time = null)
    {
        _systemId = systemId;
        _componentId = componentId;
        _time = time ?? TimeProvider.System;
    }

    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Frames not forwarded because the same bytes were forwarded moments before.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Frames dropped because a destination's queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Includes <paramref name="link"/> in forwarding (the router also needs to be one of its handlers to forward from it).</summary>
    public void Add(MavlinkLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        lock (_gate)
        {
            if (!_destinations.ContainsKey(link))
            {
                _destinations[link] = new Destination(link);
            }
        }
        link.AddHandler(this);
    }

    public void OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc)
    {
        if (frame.SystemId == _systemId && frame.ComponentId == _componentId)
        {
            return;
        }
        Destination[] targets;
        lock (_gate)
        {
            if (_destinations.Count < 2)
            {
                return;
            }
            if (IsDuplicate(frame.Raw))
            {
                Interlocked.Increment(ref _duplicates);
                return;
            }
            targets = [.. _destinations.Values.Where(d => !ReferenceEquals(d.Link, link))];
        }
        var copy = frame.Raw.ToArray();
        foreach (var target in targets)
        {
            if (target.Queue.Writer.TryWrite(copy))
            {
                Interlocked.Increment(ref _forwarded);
            }
            else
            {
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    private bool IsDuplicate(ReadOnlySpan<byte> raw)
    {
        var now = _time.GetTimestamp();
        var window = (long)(DuplicateWindow.TotalSeconds * _time.TimestampFrequency);
        while (_recentOrder.TryPeek(out var oldest) && now - oldest.Seen > window)
        {
            _recentOrder.Dequeue();
            if (_recent.TryGetValue(oldest.Hash, out var seen) && seen == oldest.Seen)
            {
                _recent.Remove(oldest.Hash);
            }
        }
        var hash = Fingerprint(raw);
        if (_recent.TryGetValue(hash, out var last) && now - last <= window)
        {
            return true;
        }
        _recent[hash] = now;
        _recentOrder.Enqueue((hash, now));
        return false;
    }

    // FNV-1a over the frame: the sequence number and checksum make distinct frames differ.
    private static ulong Fingerprint(ReadOnlySpan<byte> raw)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in raw)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return hash;
    }

    public async ValueTask DisposeAsync()
    {
        Destination[] destinations;
        lock (_gate)
        {
            destinations = [.. _destinations.Values];
            _destinations.Clear();
        }
        foreach (var destination in destinations)
        {
            destination.Link.RemoveHandler(this);
            destination.Queue.Writer.TryComplete();
            await destination.Sender.ConfigureAwait(false);
        }
    }

    private sealed class Destination
    {
        public Destination(MavlinkLink link)
        {
            Link = link;
            Queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
            Sender = Task.Run(SendAsync);
        }

        public MavlinkLink Link { get; }

        public Channel<byte[]> Queue { get; }

        public Task Sender { get; }

        private async Task SendAsync()
        {
            // One sender per destination keeps frames whole and in order on stream transports.
            await foreach (var frame in Queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await Link.SendFrameAsync(frame, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
