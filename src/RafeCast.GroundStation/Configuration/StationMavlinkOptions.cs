using RafeCast.Mavlink.Signing;

namespace RafeCast.GroundStation.Configuration;

/// <summary>
/// The station's MAVLink side (section <c>RafeCast:Mavlink</c>): where vehicles are heard, where their traffic
/// is forwarded, and how the station presents itself. Connection strings are MAVProxy's:
/// <c>udpin:HOST:PORT</c>, <c>udpout:HOST:PORT</c>, <c>tcp:HOST:PORT</c>, <c>tcpin:HOST:PORT</c>,
/// <c>serial:DEVICE[:BAUD]</c>, <c>file:PATH[?speed=N]</c>.
/// </summary>
public sealed class StationMavlinkOptions : IRafeCastOptions
{
    public static string SectionPath => "RafeCast:Mavlink";

    /// <summary>Where vehicles are heard when <see cref="Links"/> is empty: the standard ground-station port.</summary>
    public const string DefaultLink = "udpin:0.0.0.0:14550";

    /// <summary>The default <see cref="PilotPort"/>.</summary>
    public const string DefaultPilotPort = "udpin:127.0.0.1:14560";

    /// <summary>
    /// Links to vehicles: SITL <c>tcp:127.0.0.1:5760</c>, a telemetry radio <c>serial:/dev/ttyUSB0:57600</c>, a
    /// drone sending to us <c>udpin:0.0.0.0:14550</c>. Empty: <see cref="DefaultLink"/>.
    /// </summary>
    public IList<string> Links { get; } = [];

    /// <summary>
    /// Other ground-control software that gets every vehicle's traffic and may command the vehicles, e.g. a
    /// QGroundControl listening on <c>udpout:127.0.0.1:14551</c>. Empty by default.
    /// </summary>
    public IList<string> Forward { get; } = [];

    /// <summary>
    /// The port a pilot's <c>rafecast fly --connect</c> uses instead of the drone: every vehicle's traffic is
    /// forwarded there and the pilot's commands to the vehicles. Default <see cref="DefaultPilotPort"/>
    /// (loopback only); empty or <c>none</c> for no pilot port.
    /// </summary>
    public string? PilotPort { get; set; } = DefaultPilotPort;

    /// <summary>The station's own MAVLink system id. Default 255 (the ground-station convention).</summary>
    public int SystemId { get; set; } = 255;

    /// <summary>The station's own component id. Default 190 (MAV_COMP_ID_MISSIONPLANNER).</summary>
    public int ComponentId { get; set; } = 190;

    /// <summary>How often the station sends its HEARTBEAT on every link. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Silence after which a vehicle's link counts as lost. Default 3.5 s.</summary>
    public TimeSpan LinkLossTimeout { get; set; } = TimeSpan.FromSeconds(3.5);

    /// <summary>MAVLink 2 signing key, 64 hex digits (a secret: never logged). Default none.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A passphrase the signing key is derived from (SHA-256, as QGroundControl does), instead of <see cref="SigningKey"/>.</summary>
    public string? SigningPassphrase { get; set; }

    /// <summary>Which unsigned frames are accepted: AcceptAll (default), RequireSignedForCommands, RequireSignedForAll.</summary>
    public MavlinkSigningPolicy SigningPolicy { get; set; } = MavlinkSigningPolicy.AcceptAll;

    /// <summary>A folder for one raw .tlog per link (everything received and sent); default none. Flights get their own .tlog regardless.</summary>
    public string? RecordDirectory { get; set; }

    /// <summary>The vehicle links to open: <see cref="Links"/>, or <see cref="DefaultLink"/> when there are none.</summary>
    public IReadOnlyList<string> EffectiveLinks => Links.Count > 0 ? [.. Links] : [DefaultLink];

    /// <summary>The pilot port, or null when it is switched off.</summary>
    public string? EffectivePilotPort =>
        string.IsNullOrWhiteSpace(PilotPort) || PilotPort.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null : PilotPort.Trim();

    /// <summary>The signing key configured, or null.</summary>
    public MavlinkSigningKey? ResolveSigningKey() =>
        SigningPassphrase is { Length: > 0 } passphrase ? MavlinkSigningKey.FromPassphrase(passphrase)
        : SigningKey is { Length: > 0 } hex ? MavlinkSigningKey.FromHex(hex)
        : null;
}
