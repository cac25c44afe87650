using RafeCast.Mavlink.Links.Transports;

namespace RafeCast.Mavlink.Links;

/// <summary>Creates the transport a connection string names.</summary>
public static class MavlinkTransports
{
    /// <summary>A transport for <paramref name="connection"/>; it is opened by <see cref="MavlinkLink.StartAsync"/>.</summary>
    public static IMavlinkTransport Create(MavlinkConnectionString connection, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        time ??= TimeProvider.System;
        return connection.Kind switch
        {
            MavlinkLinkKind.UdpIn => new UdpInTransport(connection, time),
            MavlinkLinkKind.UdpOut => new UdpOutTransport(connection),
            MavlinkLinkKind.TcpClient => new TcpClientTransport(connection, time),
            MavlinkLinkKind.TcpServer => new TcpServerTransport(connection),
            MavlinkLinkKind.Serial => new SerialTransport(connection),
            _ => new FileReplayTransport(connection, time),
        };
    }

    /// <summary>Parses <paramref name="connectionString"/> and creates its transport.</summary>
    public static IMavlinkTransport Create(string connectionString, TimeProvider? time = null) =>
        Create(MavlinkConnectionString.Parse(connectionString), time);
}
