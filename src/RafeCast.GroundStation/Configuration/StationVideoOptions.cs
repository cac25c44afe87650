namespace RafeCast.GroundStation.Configuration;

/// <summary>
/// Video the station finds by itself (section <c>RafeCast:Station:Video</c>). Streams configured under
/// <c>RafeCast:Video:Streams</c> are ingested as they are; besides them, the station asks every vehicle that
/// connects for its cameras (MAV_CMD_REQUEST_MESSAGE for VIDEO_STREAM_INFORMATION) and ingests what they
/// advertise as stream <c>v{sysid}-cam{n}</c>.
/// </summary>
public sealed class StationVideoOptions : IRafeCastOptions
{
    public static string SectionPath => "RafeCast:Station:Video";

    /// <summary>Ask connecting vehicles for their video streams. Default true.</summary>
    public bool Discover { get; set; } = true;

    /// <summary>The ladder for discovered streams (names as in <c>RafeCast:Video:Streams:N:Ladder</c>). Default <c>720p,480p,360p</c>.</summary>
    public string Ladder { get; set; } = "720p,480p,360p";

    /// <summary>Segment duration of discovered streams, seconds (1-10). Default 2.</summary>
    public double SegmentSeconds { get; set; } = 2;

    /// <summary>No frame for this long restarts a discovered stream's ingest, seconds. Default 5.</summary>
    public double InputTimeoutSeconds { get; set; } = 5;

    /// <summary>How long to wait for a vehicle's answer about its cameras (per attempt). Default 5 s.</summary>
    public TimeSpan DiscoveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts to ask a vehicle for its cameras before giving up until it reconnects. Default 3.</summary>
    public int DiscoveryAttempts { get; set; } = 3;
}
