using System.Threading.Channels;

namespace RafeCast.Mavlink.Links;

/// <summary>
/// A transport whose peer is another <see cref="InMemoryTransport"/> in the same process: what one sends, the
/// other receives, in order. For tests and for a simulator running in the same process as the station.
/// </summary>
public sealed class InMemoryTransport : IMavlinkTransport
{
    private readonly Channel<byte[]> _inbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private InMemoryTransport? _peer;

    private InMemoryTransport(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>Frames sent by this end so far.</summary>
    public long FramesSent { get; private set; }

    /// <summary>When set, frames this end sends are dropped instead of delivered (to simulate a lost link).</summary>
    public bool Muted { get; set; }

    /// <summary>Two connected ends.</summary>
    public static (InMemoryTransport Station, InMemoryTransport Vehicle) CreatePair(string name = "memory")
    {
        var station = new InMemoryTransport(name);
        var vehicle = new InMemoryTransport(name + " (peer)");
        station._peer = vehicle;
        vehicle._peer = station;
        return (station, vehicle);
    }

    /// <summary>Delivers raw bytes to this end as if its peer had sent them (for feeding garbage or captures in tests).</summary>
    public void Inject(ReadOnlySpan<byte> bytes) => _inbox.Writer.TryWrite(bytes.ToArray());

    public ValueTask OpenAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!await _inbox.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }
        var chunk = await _inbox.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        chunk.CopyTo(buffer);
        return chunk.Length;
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        FramesSent++;
        if (!Muted)
        {
            _peer?._inbox.Writer.TryWrite(frame.ToArray());
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Ends this end's receiving (as a closed connection does).</summary>
    public void Complete() => _inbox.Writer.TryComplete();

    public ValueTask DisposeAsync()
    {
        Complete();
        return ValueTask.CompletedTask;
    }
}
