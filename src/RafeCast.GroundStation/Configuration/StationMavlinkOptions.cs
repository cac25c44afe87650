namespace RafeCast.GroundStation.Configuration;

/// <summary>
/// What the station adds to the MAVLink stage's settings (section <c>RafeCast:Station:Mavlink</c>). The links
/// themselves, the station's ids, signing and recording are the MAVLink stage's <c>RafeCast:Mavlink</c>
/// (<see cref="Mavlink.MavlinkOptions"/>): every connection there is a link of one station, and its router
/// forwards every frame between them — vehicles, other ground-control software, this pilots' port.
/// </summary>
public sealed class StationMavlinkOptions : IRafeCastOptions
{
    public static string SectionPath => "RafeCast:Station:Mavlink";

    /// <summary>Where vehicles are heard when <c>RafeCast:Mavlink:Connections</c> is empty: the standard ground-station port.</summary>
    public const string DefaultConnection = "udpin:0.0.0.0:14550";

    /// <summary>The default <see cref="PilotPort"/>.</summary>
    public const string DefaultPilotPort = "udpin:127.0.0.1:14560";

    /// <summary>
    /// The port a pilot's <c>rafecast fly --connect</c> uses instead of the drone: every vehicle's traffic is
    /// forwarded there and the pilot's commands to the vehicles. Default <see cref="DefaultPilotPort"/>
    /// (loopback only); empty or <c>none</c> for no pilot port.
    /// </summary>
    public string? PilotPort { get; set; } = DefaultPilotPort;

    /// <summary>The pilot port, or null when it is switched off.</summary>
    public string? EffectivePilotPort =>
        string.IsNullOrWhiteSpace(PilotPort) || PilotPort.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null : PilotPort.Trim();

    /// <summary>
    /// Vehicle links for this run that replace <c>RafeCast:Mavlink:Connections</c> when given (what
    /// <c>station run --mavlink</c> sets): a list set on the command line must replace the configured one,
    /// and configuration layers merge lists by index.
    /// </summary>
    public IList<string> Links { get; init; } = [];

    /// <summary>Forwarding targets added to the links (what <c>station run --forward</c> sets): other ground-control software.</summary>
    public IList<string> Forward { get; init; } = [];

    /// <summary>
    /// The links to open with the configuration key each came from: <see cref="Links"/> when given, else the
    /// configured connections, else <see cref="DefaultConnection"/>; then every <see cref="Forward"/> target.
    /// </summary>
    public static IReadOnlyList<(string Key, string Connection)> EffectiveConnections(Mavlink.MavlinkOptions mavlink, StationMavlinkOptions station)
    {
        ArgumentNullException.ThrowIfNull(mavlink);
        ArgumentNullException.ThrowIfNull(station);
        var links = station.Links.Count > 0
            ? station.Links.Select((c, i) => (Key(nameof(Links), i), c))
            : mavlink.Connections.Count > 0
                ? mavlink.Connections.Select((c, i) => ($"{Mavlink.MavlinkOptions.Section}:{nameof(Mavlink.MavlinkOptions.Connections)}:{i}", c))
                : [($"{Mavlink.MavlinkOptions.Section}:{nameof(Mavlink.MavlinkOptions.Connections)}", DefaultConnection)];
        return [.. links, .. station.Forward.Select((c, i) => (Key(nameof(Forward), i), c))];
    }

    private static string Key(string property, int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{OptionsKey.For<StationMavlinkOptions>(property)}:{index}");
}
