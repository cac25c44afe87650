using System.Net;
using System.Net.Sockets;

namespace RafeCast.Cli.Commands.Demo;

/// <summary>
/// Ports for a demo on 127.0.0.1: the preferred one when it is free, else one the operating system hands out,
/// so a second demo (or anything else holding a port) never stops the first from starting.
/// </summary>
internal static class DemoPorts
{
    public static bool TcpFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static bool UdpFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreeTcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static int FreeUdp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary><paramref name="preferred"/> when it is free for UDP, else any free UDP port.</summary>
    public static int Udp(int preferred) => UdpFree(preferred) ? preferred : FreeUdp();

    /// <summary>The first of <paramref name="count"/> consecutive free UDP ports, starting at <paramref name="preferred"/> when those are free.</summary>
    public static int ConsecutiveUdp(int preferred, int count)
    {
        if (Enumerable.Range(preferred, count).All(UdpFree))
        {
            return preferred;
        }
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var start = FreeUdp();
            if (start + count <= ushort.MaxValue && Enumerable.Range(start, count).All(UdpFree))
            {
                return start;
            }
        }
        throw new IOException($"No {count} consecutive free UDP ports on 127.0.0.1.");
    }
}
