namespace RafeCast.GroundStation.Configuration;

/// <summary>How the station treats its storage account (section <c>RafeCast:Station:Publishing</c>).</summary>
public sealed class PublishingOptions : IRafeCastOptions
{
    public static string SectionPath => "RafeCast:Station:Publishing";

    /// <summary>
    /// Refuse to start when the storage account cannot be reached (the error names the key to fix). False lets a
    /// field station start offline: capture goes on, the outbox keeps everything and publishes once storage answers.
    /// Default true.
    /// </summary>
    public bool RequireStorage { get; set; } = true;

    /// <summary>How long the start-up check waits for the storage account (or the embedded Azurite) to answer. Default 30 s.</summary>
    public TimeSpan StorageProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When the station stops, how long the publisher may keep uploading what is queued (the rest stays in the
    /// durable outbox for the next start). Part of <c>RafeCast:Station:ShutdownTimeout</c>. Default 10 s.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
