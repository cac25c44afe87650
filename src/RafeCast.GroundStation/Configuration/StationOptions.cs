namespace RafeCast.GroundStation.Configuration;

/// <summary>The ground station as a whole (section <c>RafeCast:Station</c>).</summary>
public sealed class StationOptions : IRafeCastOptions
{
    public static string SectionPath => "RafeCast:Station";

    /// <summary>The pilot's name, shown to viewers and written into the archive's tags; null when not configured.</summary>
    public string? Pilot { get; set; }

    /// <summary>
    /// Where the station keeps its data (spool, outbox, local storage). Default: the user's local
    /// application data folder + <c>rafecast</c> (on Linux <c>~/.local/share/rafecast</c>).
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>
    /// How long a graceful shutdown may take in total (ffmpeg stopped, playlists ended, outbox
    /// persisted) before the host gives up on the stages still stopping. Default 30 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="DataDirectory"/>.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "rafecast");
}
