using System.Globalization;

namespace RafeCast.Video.Tests.Support;

/// <summary>Reads the kernel's socket tables, so a test can wait for a listener without connecting to it.</summary>
internal static class Sockets
{
    public static bool TcpListening(int port) => Has("/proc/net/tcp", port, "0A") || Has("/proc/net/tcp6", port, "0A");

    public static bool UdpBound(int port) => Has("/proc/net/udp", port, null) || Has("/proc/net/udp6", port, null);

    private static bool Has(string table, int port, string? state)
    {
        if (!File.Exists(table))
        {
            return false;
        }
        var hex = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 3 && parts[1].EndsWith(":" + hex, StringComparison.Ordinal) && (state is null || parts[3] == state))
            {
                return true;
            }
        }
        return false;
    }
}
