using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace RafeCast.Mavlink.Links.Transports;

/// <summary><c>tcp:HOST:PORT</c>: a TCP client that reconnects (every second) when the connection drops.</summary>
internal sealed class TcpClientTransport(MavlinkConnectionString connection, TimeProvider time) : IMavlinkTransport
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private Socket? _socket;

    public string Name => connection.Text;

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            _socket = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new IOException($"{connection.Text}: cannot connect: {ex.Message}", ex);
        }
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var socket = _socket;
            if (socket is not null)
            {
                try
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    if (read > 0)
                    {
                        return read;
                    }
                }
                catch (SocketException)
                {
                }
                socket.Dispose();
                _socket = null;
            }
            await Task.Delay(ReconnectDelay, time, cancellationToken).ConfigureAwait(false);
            try
            {
                _socket = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // The server is still away; try again after the delay.
            }
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var socket = _socket;
        if (socket is null)
        {
            return;
        }
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The receive side notices the broken connection and reconnects.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var endpoint = await Endpoints.ResolveAsync(connection.Host, connection.Port, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _sendGate.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary><c>tcpin:HOST:PORT</c>: accepts any number of TCP clients; what one sends is received, what we send goes to all.</summary>
internal sealed class TcpServerTransport(MavlinkConnectionString connection) : IMavlinkTransport
{
    private readonly Channel<byte[]> _received = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.Wait });
    private readonly Lock _gate = new();
    private readonly List<Socket> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task? _acceptLoop;

    public string Name => connection.Text;

    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        var endpoint = await Endpoints.ResolveAsync(connection.Host, connection.Port, cancellationToken).ConfigureAwait(false);
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(16);
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new IOException($"{connection.Text}: cannot listen on {endpoint}: {ex.Message}", ex);
        }
        _listener = listener;
        _acceptLoop = AcceptAsync(listener, _stop.Token);
    }

    private async Task AcceptAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            client.NoDelay = true;
            lock (_gate)
            {
                _clients.Add(client);
            }
            _ = ReadClientAsync(client, cancellationToken);
        }
    }

    private async Task ReadClientAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await client.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                await _received.Writer.WriteAsync(buffer[..read], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            lock (_gate)
            {
                _clients.Remove(client);
            }
            client.Dispose();
        }
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var chunk = await _received.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        chunk.CopyTo(buffer);
        return chunk.Length;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        Socket[] clients;
        lock (_gate)
        {
            clients = [.. _clients];
        }
        foreach (var client in clients)
        {
            try
            {
                await client.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Its reader removes it.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
