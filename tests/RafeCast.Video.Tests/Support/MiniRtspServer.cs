using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RafeCast.Video.Tests.Support;

/// <summary>
/// Just enough of an RTSP server (RFC 2326) to let ffmpeg pull one stream over TCP: OPTIONS, DESCRIBE (the
/// SDP a sending ffmpeg wrote), SETUP with interleaved transport, PLAY, then every RTP packet the sender
/// puts on a local UDP port is relayed as an interleaved frame ('$', channel 0, length, packet, §10.12).
/// There is no RTSP server package on this machine and ffmpeg cannot serve RTSP, so the test brings its own.
/// </summary>
internal sealed class MiniRtspServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly UdpClient _rtp;
    private readonly string _sdpPath;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    public MiniRtspServer(int rtpPort, string sdpPath)
    {
        _rtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, rtpPort));
        _sdpPath = sdpPath;
        _listener.Start();
        _accept = Task.Run(AcceptAsync);
    }

    public string Url => $"rtsp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/live";

    public int Sessions { get; private set; }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var writeLock = new SemaphoreSlim(1, 1);
        Task? relay = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var first = new byte[1];
                if (await stream.ReadAsync(first, _stop.Token) == 0)
                {
                    return;
                }
                if (first[0] == (byte)'$')
                {
                    // An interleaved frame from the client (RTCP receiver report): skip it.
                    var header = new byte[3];
                    await stream.ReadExactlyAsync(header, _stop.Token);
                    await stream.ReadExactlyAsync(new byte[(header[1] << 8) | header[2]], _stop.Token);
                    continue;
                }
                var request = new StringBuilder().Append((char)first[0]);
                while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    if (await stream.ReadAsync(first, _stop.Token) == 0)
                    {
                        return;
                    }
                    request.Append((char)first[0]);
                }
                var lines = request.ToString().Split("\r\n");
                var method = lines[0].Split(' ')[0];
                var cseq = lines.First(l => l.StartsWith("CSeq:", StringComparison.OrdinalIgnoreCase))[5..].Trim();
                string extra = "";
                var body = "";
                switch (method)
                {
                    case "OPTIONS":
                        extra = "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n";
                        break;
                    case "DESCRIBE":
                        body = Describe();
                        extra = $"Content-Base: {Url}/\r\nContent-Type: application/sdp\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\n";
                        break;
                    case "SETUP":
                        extra = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: 4711;timeout=60\r\n";
                        break;
                    case "PLAY":
                        extra = "Session: 4711\r\nRange: npt=0.000-\r\n";
                        Sessions++;
                        relay ??= Task.Run(() => RelayAsync(stream, writeLock));
                        break;
                    default:
                        extra = "Session: 4711\r\n";
                        break;
                }
                var response = Encoding.ASCII.GetBytes($"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\n{extra}\r\n{body}");
                await writeLock.WaitAsync(_stop.Token);
                try
                {
                    await stream.WriteAsync(response, _stop.Token);
                }
                finally
                {
                    writeLock.Release();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    // The sender's SDP, with control attributes so the client can SETUP the track (RFC 2326 §C.1.1).
    private string Describe()
    {
        var sdp = new StringBuilder();
        foreach (var line in File.ReadAllLines(_sdpPath).Where(l => l.Length > 0))
        {
            sdp.Append(line).Append("\r\n");
            if (line.StartsWith("m=video", StringComparison.Ordinal))
            {
                sdp.Append("a=control:trackID=0\r\n");
            }
        }
        return sdp.ToString();
    }

    private async Task RelayAsync(NetworkStream stream, SemaphoreSlim writeLock)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var packet = await _rtp.ReceiveAsync(_stop.Token);
                var frame = new byte[4 + packet.Buffer.Length];
                frame[0] = (byte)'$';
                frame[1] = 0;
                frame[2] = (byte)(packet.Buffer.Length >> 8);
                frame[3] = (byte)packet.Buffer.Length;
                packet.Buffer.CopyTo(frame, 4);
                await writeLock.WaitAsync(_stop.Token);
                try
                {
                    await stream.WriteAsync(frame, _stop.Token);
                }
                finally
                {
                    writeLock.Release();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _rtp.Dispose();
        await _accept;
        _stop.Dispose();
    }

    public override string ToString() => Url.ToString(CultureInfo.InvariantCulture);
}
