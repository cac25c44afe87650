using System.Net;
using System.Net.Sockets;

namespace RafeCast.Mavlink.Links.Transports;

/// <summary>Resolves the host of a connection string to one address (IPv4 preferred).</summary>
internal static class Endpoints
{
    public static async ValueTask<IPEndPoint> ResolveAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new IOException($"{host} does not resolve to an address.");
        return new IPEndPoint(chosen, port);
    }
}

/// <summary>
/// <c>udpin:HOST:PORT</c>: listens for datagrams and answers every peer it has heard from at the address it
/// last used, so several vehicles (or one that changes port) can share the listening port.
/// </summary>
internal sealed class UdpInTransport(MavlinkConnectionString connection, TimeProvider time) : IMavlinkTransport
{
    // A peer silent for longer than this no longer gets our frames.
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly Dictionary<EndPoint, DateTimeOffset> _peers = [];
    private Socket? _socket;

    public string Name => connection.Text;

    /// <summary>The address actually bound (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        var endpoint = await Endpoints.ResolveAsync(connection.Host, connection.Port, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endpoint);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"{connection.Text}: cannot listen on {endpoint}: {ex.Message}", ex);
        }
        _socket = socket;
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new InvalidOperationException("The transport is not open.");
        while (true)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // An ICMP "port unreachable" from a peer that went away, or an oversized datagram: not fatal.
                continue;
            }
            lock (_gate)
            {
                _peers[result.RemoteEndPoint] = time.GetUtcNow();
            }
            return result.ReceivedBytes;
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new InvalidOperationException("The transport is not open.");
        EndPoint[] peers;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var stale in _peers.Where(p => now - p.Value > PeerTimeout).Select(p => p.Key).ToArray())
            {
                _peers.Remove(stale);
            }
            peers = [.. _peers.Keys];
        }
        foreach (var peer in peers)
        {
            try
            {
                await socket.SendToAsync(frame, SocketFlags.None, peer, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // One unreachable peer must not stop the others.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary><c>udpout:HOST:PORT</c>: sends datagrams to HOST:PORT from an ephemeral port and receives the replies there.</summary>
internal sealed class UdpOutTransport(MavlinkConnectionString connection) : IMavlinkTransport
{
    private Socket? _socket;
    private IPEndPoint? _target;

    public string Name => connection.Text;

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        _target = await Endpoints.ResolveAsync(connection.Host, connection.Port, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(_target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(_target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        if (IPAddress.IsLoopback(_target.Address) is false && _target.Address.Equals(IPAddress.Broadcast))
        {
            socket.EnableBroadcast = true;
        }
        _socket = socket;
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new InvalidOperationException("The transport is not open.");
        while (true)
        {
            try
            {
                var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellationToken).ConfigureAwait(false);
                return result.ReceivedBytes;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
            {
                // Nobody listening at the target yet: keep sending and listening.
            }
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new InvalidOperationException("The transport is not open.");
        try
        {
            await socket.SendToAsync(frame, SocketFlags.None, _target!, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            // UDP is fire and forget; an earlier ICMP error surfaces here and means nothing for this datagram.
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        return ValueTask.CompletedTask;
    }
}
