namespace RafeCast.GroundStation.Configuration;

/// <summary>
/// Bounds of the station's live picture of vehicles and streams (section <c>RafeCast:Station:Live</c>).
/// Every collection is a ring buffer: old entries make room for new ones, memory stays bounded.
/// </summary>
public sealed class LiveModelOptions : IRafeCastOptions
{
    public static string SectionPath => "RafeCast:Station:Live";

    /// <summary>Telemetry points kept per vehicle for the map's track. Default 1200 (two minutes at 10 Hz).</summary>
    public int TrackPoints { get; set; } = 1200;

    /// <summary>Dome crossings kept for the viewers' timelines. Default 500.</summary>
    public int Crossings { get; set; } = 500;

    /// <summary>Stream gaps kept. Default 100.</summary>
    public int Gaps { get; set; } = 100;

    /// <summary>Streams kept; the one idle longest is forgotten first. Default 64.</summary>
    public int Streams { get; set; } = 64;

    /// <summary>A stream counts as live while its last segment arrived at most this long ago. Default 30 s.</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Updates buffered per viewer connection. A viewer that falls further behind loses the oldest
    /// updates (counted), never slowing the stages that publish them. Default 256.
    /// </summary>
    public int ClientQueue { get; set; } = 256;

    /// <summary>How often an idle Server-Sent-Events connection gets a keep-alive comment. Default 15 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
