using System.Threading.Channels;
using RafeCast.Mavlink.Framing;

namespace RafeCast.Mavlink.Vehicles;

/// <summary>Receives one vehicle's frames on the link's receive loop; implemented by <see cref="MessageSubscription{TMessage}"/>.</summary>
internal interface IFrameSubscription
{
    void Offer(in MavlinkFrame frame);
}

/// <summary>
/// Messages of one type from one vehicle, queued as they arrive, for a client waiting on an answer.
/// </summary>
public sealed class MessageSubscription<TMessage> : IFrameSubscription, IDisposable
    where TMessage : struct, IMavlinkMessage<TMessage>
{
    private readonly Channel<TMessage> _messages = Channel.CreateUnbounded<TMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<TMessage, bool>? _match;
    private readonly TimeProvider _time;
    private readonly Action<IFrameSubscription> _unsubscribe;

    internal MessageSubscription(Func<TMessage, bool>? match, TimeProvider time, Action<IFrameSubscription> unsubscribe)
    {
        _match = match;
        _time = time;
        _unsubscribe = unsubscribe;
    }

    void IFrameSubscription.Offer(in MavlinkFrame frame)
    {
        if (frame.TryDecode<TMessage>(out var message) && (_match is null || _match(message)))
        {
            _messages.Writer.TryWrite(message);
        }
    }

    /// <summary>Completes when a message is waiting (without taking it).</summary>
    internal Task WaitToReadAsync(CancellationToken cancellationToken) => _messages.Reader.WaitToReadAsync(cancellationToken).AsTask();

    /// <summary>A message that has already arrived, if any.</summary>
    public bool TryNext(out TMessage message) => _messages.Reader.TryRead(out message);

    /// <summary>The next message; <see cref="TimeoutException"/> when none arrives within <paramref name="timeout"/> (on the channel's clock).</summary>
    public async ValueTask<TMessage> NextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_messages.Reader.TryRead(out var ready))
        {
            return ready;
        }
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await _messages.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No {TMessage.Info.Name} within {timeout.TotalSeconds:0.###} s.");
        }
    }

    public void Dispose()
    {
        _unsubscribe(this);
        _messages.Writer.TryComplete();
    }
}
