using System.Globalization;

namespace RafeCast.Mavlink.Links;

/// <summary>The kinds of link a connection string can name, as MAVProxy spells them.</summary>
public enum MavlinkLinkKind
{
    /// <summary><c>udpin:HOST:PORT</c>: listen for datagrams; replies go to each peer's last address.</summary>
    UdpIn,

    /// <summary><c>udpout:HOST:PORT</c>: send datagrams to HOST:PORT, receive the replies.</summary>
    UdpOut,

    /// <summary><c>tcp:HOST:PORT</c>: connect to a TCP server (reconnecting when it drops).</summary>
    TcpClient,

    /// <summary><c>tcpin:HOST:PORT</c>: accept TCP clients.</summary>
    TcpServer,

    /// <summary><c>serial:DEVICE[:BAUD]</c>: a serial port (default 57600 baud).</summary>
    Serial,

    /// <summary><c>file:PATH[?speed=N]</c>: replay a .tlog or raw capture; speed 0 = as fast as possible (default), 1 = real time.</summary>
    File,
}

/// <summary>
/// A parsed MAVLink connection string: <c>udpin:HOST:PORT</c>, <c>udpout:HOST:PORT</c>, <c>tcp:HOST:PORT</c>,
/// <c>tcpin:HOST:PORT</c>, <c>serial:DEVICE[:BAUD]</c> or <c>file:PATH[?speed=N]</c>.
/// </summary>
public sealed record MavlinkConnectionString
{
    /// <summary>The forms <see cref="Parse"/> accepts, for error messages and help text.</summary>
    public const string AcceptedForms =
        "udpin:HOST:PORT (listen), udpout:HOST:PORT (send to), tcp:HOST:PORT (connect), tcpin:HOST:PORT (accept), serial:DEVICE[:BAUD] (default 57600), file:PATH[?speed=N] (replay a .tlog or raw capture; speed 0 = as fast as possible, 1 = real time)";

    public const int DefaultBaudRate = 57600;

    private MavlinkConnectionString(string text, MavlinkLinkKind kind)
    {
        Text = text;
        Kind = kind;
    }

    /// <summary>The string as given.</summary>
    public string Text { get; }

    public MavlinkLinkKind Kind { get; }

    /// <summary>Host name or address for UDP and TCP links.</summary>
    public string Host { get; private init; } = string.Empty;

    /// <summary>Port for UDP and TCP links.</summary>
    public int Port { get; private init; }

    /// <summary>Device path for serial links, file path for file links.</summary>
    public string Path { get; private init; } = string.Empty;

    /// <summary>Baud rate of a serial link.</summary>
    public int BaudRate { get; private init; }

    /// <summary>Replay speed of a file link: 0 as fast as possible, 1 real time, 2 twice as fast, ...</summary>
    public double Speed { get; private init; }

    /// <summary>Parses <paramref name="text"/>; a bad string raises a <see cref="FormatException"/> naming it and listing the accepted forms.</summary>
    public static MavlinkConnectionString Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Error(text, "it has no kind prefix");
        }
        var scheme = trimmed[..colon].ToLowerInvariant();
        var rest = trimmed[(colon + 1)..];
        return scheme switch
        {
            "udpin" => Endpoint(text, MavlinkLinkKind.UdpIn, rest),
            "udpout" or "udp" => Endpoint(text, MavlinkLinkKind.UdpOut, rest),
            "tcp" => Endpoint(text, MavlinkLinkKind.TcpClient, rest),
            "tcpin" => Endpoint(text, MavlinkLinkKind.TcpServer, rest),
            "serial" => Serial(text, rest),
            "file" => File(text, rest),
            _ => throw Error(text, $"'{scheme}' is not a link kind"),
        };
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string text, out MavlinkConnectionString? result, out string? error)
    {
        try
        {
            result = Parse(text);
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            result = null;
            error = ex.Message;
            return false;
        }
    }

    public override string ToString() => Text;

    private static MavlinkConnectionString Endpoint(string text, MavlinkLinkKind kind, string rest)
    {
        var colon = rest.LastIndexOf(':');
        if (colon <= 0)
        {
            throw Error(text, "it needs HOST:PORT");
        }
        var host = rest[..colon].Trim('[', ']');
        if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            throw Error(text, $"'{rest[(colon + 1)..]}' is not a port (0 to 65535)");
        }
        if (host.Length == 0)
        {
            throw Error(text, "the host is empty");
        }
        return new MavlinkConnectionString(text, kind) { Host = host, Port = port };
    }

    private static MavlinkConnectionString Serial(string text, string rest)
    {
        var baud = DefaultBaudRate;
        var device = rest;
        var colon = rest.LastIndexOf(':');
        if (colon > 0)
        {
            if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out baud) || baud <= 0)
            {
                throw Error(text, $"'{rest[(colon + 1)..]}' is not a baud rate");
            }
            device = rest[..colon];
        }
        if (device.Length == 0)
        {
            throw Error(text, "the device is empty");
        }
        return new MavlinkConnectionString(text, MavlinkLinkKind.Serial) { Path = device, BaudRate = baud };
    }

    private static MavlinkConnectionString File(string text, string rest)
    {
        var path = rest;
        double speed = 0;
        var query = rest.LastIndexOf("?speed=", StringComparison.Ordinal);
        if (query >= 0)
        {
            var value = rest[(query + "?speed=".Length)..];
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || speed < 0 || !double.IsFinite(speed))
            {
                throw Error(text, $"'{value}' is not a replay speed (0 = as fast as possible, 1 = real time)");
            }
            path = rest[..query];
        }
        if (path.Length == 0)
        {
            throw Error(text, "the path is empty");
        }
        return new MavlinkConnectionString(text, MavlinkLinkKind.File) { Path = path, Speed = speed };
    }

    private static FormatException Error(string text, string why) =>
        new($"'{text}' is not a MAVLink connection string: {why}. Accepted forms: {AcceptedForms}.");
}
