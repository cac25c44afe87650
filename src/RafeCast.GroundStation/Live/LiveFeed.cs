using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;

namespace RafeCast.GroundStation.Live;

/// <summary>
/// Fans live updates out to viewer connections. Each subscriber has its own bounded queue; a
/// subscriber that falls behind loses its oldest updates (counted in <see cref="Dropped"/>), so a slow
/// phone on a bad network can never stall the stages that publish.
/// </summary>
public sealed class LiveFeed
{
    private readonly Lock _gate = new();
    // Copied on change, read without a lock on every publish.
    private LiveSubscription[] _subscribers = [];
    private long _dropped;
    private long _published;

    /// <summary>Viewer connections now.</summary>
    public int Subscribers => Volatile.Read(ref _subscribers).Length;

    /// <summary>Updates dropped for slow subscribers, in total since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Updates published to at least one subscriber, in total since start.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Starts receiving updates; dispose the subscription to stop.</summary>
    /// <param name="capacity">Updates buffered before the oldest are dropped.</param>
    public LiveSubscription Subscribe(int capacity)
    {
        var subscription = new LiveSubscription(this, capacity);
        lock (_gate)
        {
            Volatile.Write(ref _subscribers, [.. _subscribers, subscription]);
        }
        return subscription;
    }

    /// <summary>
    /// Serializes <paramref name="data"/> once and queues it for every subscriber, without waiting. Does
    /// nothing (not even serializing) when nobody is watching.
    /// </summary>
    public void Publish<T>(string eventName, string? vehicle, T data, JsonTypeInfo<T> typeInfo)
    {
        var subscribers = Volatile.Read(ref _subscribers);
        if (subscribers.Length == 0)
        {
            return;
        }
        var update = new LiveUpdate(eventName, vehicle, JsonSerializer.SerializeToUtf8Bytes(data, typeInfo));
        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(update);
        }
        Interlocked.Increment(ref _published);
    }

    internal void Remove(LiveSubscription subscription)
    {
        lock (_gate)
        {
            Volatile.Write(ref _subscribers, [.. _subscribers.Where(s => !ReferenceEquals(s, subscription))]);
        }
    }

    internal void CountDropped() => Interlocked.Increment(ref _dropped);
}

/// <summary>One viewer connection's queue of updates.</summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly LiveFeed _feed;
    private readonly Channel<LiveUpdate> _channel;
    private long _dropped;

    internal LiveSubscription(LiveFeed feed, int capacity)
    {
        _feed = feed;
        _channel = Channel.CreateBounded<LiveUpdate>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                _feed.CountDropped();
            });
    }

    /// <summary>The updates, in publishing order (minus the dropped ones).</summary>
    public ChannelReader<LiveUpdate> Reader => _channel.Reader;

    /// <summary>Updates this subscriber lost because it fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Offer(LiveUpdate update) => _channel.Writer.TryWrite(update);

    public void Dispose()
    {
        _feed.Remove(this);
        _channel.Writer.TryComplete();
    }
}
