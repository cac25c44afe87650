namespace RafeCast.Mavlink.Links;

/// <summary>
/// Moves bytes for a link: UDP, TCP, serial, a file being replayed, or memory in tests. A transport knows
/// nothing of MAVLink; <see cref="MavlinkLink"/> parses what it receives.
/// </summary>
public interface IMavlinkTransport : IAsyncDisposable
{
    /// <summary>The connection string or another name people recognise.</summary>
    string Name { get; }

    /// <summary>Opens sockets, ports or files. Errors here name the link and what failed.</summary>
    ValueTask OpenAsync(CancellationToken cancellationToken);

    /// <summary>Waits for bytes (a datagram, a TCP segment, a file block) and returns their count; 0 means the source has ended.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Sends one frame (to every peer, for links with several).</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);
}
