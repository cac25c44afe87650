namespace RafeCast.GroundStation.Configuration;

/// <summary>The ground station as a whole (section <c>RafeCast:Station</c>).</summary>
public sealed class StationOptions : IRafeCastOptions
{
    public static string SectionPath => "RafeCast:Station";

    /// <summary>The pilot's name, shown to viewers and written into the archive's tags; null when not configured.</summary>
    public string? Pilot { get; set; }

    /// <summary>
    /// Where the station keeps its data: the video spool (<c>spool/video</c>), the outbox (<c>outbox</c>), the
    /// embedded Azurite's blobs (<c>azurite</c>) and each flight's telemetry log (<c>flights</c>). Default: the
    /// RafeCast data directory, <c>$RAFECAST_HOME</c>, else <c>$XDG_DATA_HOME/rafecast</c>, else
    /// <c>~/.local/share/rafecast</c> — the one <c>rafecast archive</c> reads with no configuration.
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>
    /// How long a graceful shutdown may take in total (ffmpeg stopped, playlists ended, outbox
    /// persisted) before the host gives up on the stages still stopping. Default 30 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="DataDirectory"/>.</summary>
    public static string DefaultDataDirectory => Storage.RafeCastHome.Resolve();
}
