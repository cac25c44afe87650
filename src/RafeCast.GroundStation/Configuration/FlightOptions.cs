namespace RafeCast.GroundStation.Configuration;

/// <summary>
/// How the station cuts footage into flights (section <c>RafeCast:Station:Flights</c>). A flight starts when a
/// vehicle arms and ends when it disarms, or when its link stays lost for <see cref="LinkLossTimeout"/>;
/// footage outside any flight goes to the vehicle's per-day "ground" flight.
/// </summary>
public sealed class FlightOptions : IRafeCastOptions
{
    public static string SectionPath => "RafeCast:Station:Flights";

    /// <summary>How long a flight survives a lost link before it ends at the moment the vehicle was last heard. Default 30 s.</summary>
    public TimeSpan LinkLossTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a flight ends, how long the station waits for the segments that cover its last moments (ingest
    /// runs a few seconds behind) before it ends the flight's playlists and archives its sidecars. Default 15 s.
    /// </summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Record each flight's MAVLink traffic from its vehicle as <c>telemetry.tlog</c> in the archive. Default true.</summary>
    public bool RecordTelemetry { get; set; } = true;
}
