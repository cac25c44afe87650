using RafeCast.Mavlink.Microservices.Commands;
using RafeCast.Mavlink.Microservices.Missions;
using RafeCast.Mavlink.Microservices.Parameters;
using RafeCast.Mavlink.Signing;

namespace RafeCast.Mavlink.Vehicles;

/// <summary>How the station presents itself and watches its vehicles.</summary>
public sealed record MavlinkStationOptions
{
    /// <summary>Our system id (255, the ground-station convention).</summary>
    public byte SystemId { get; init; } = 255;

    /// <summary>Our component id (190, MAV_COMP_ID_MISSIONPLANNER).</summary>
    public byte ComponentId { get; init; } = 190;

    /// <summary>How often we send our HEARTBEAT on every link.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Silence after which a vehicle's link counts as lost.</summary>
    public TimeSpan LinkLossTimeout { get; init; } = TimeSpan.FromSeconds(3.5);

    /// <summary>Forward every frame between links (e.g. to a QGroundControl on udpout:127.0.0.1:14550).</summary>
    public bool Forwarding { get; init; } = true;

    /// <summary>Signing key for every link; null for none.</summary>
    public MavlinkSigningKey? SigningKey { get; init; }

    public MavlinkSigningPolicy SigningPolicy { get; init; } = MavlinkSigningPolicy.AcceptAll;

    /// <summary>Folder for one .tlog per link (named after the link and start time); null for no recording.</summary>
    public string? RecordDirectory { get; init; }

    public CommandOptions Commands { get; init; } = new();

    public MissionOptions Missions { get; init; } = new();

    public ParameterOptions Parameters { get; init; } = new();
}
