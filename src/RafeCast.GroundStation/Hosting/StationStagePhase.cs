namespace RafeCast.GroundStation.Hosting;

/// <summary>
/// Where a stage sits in the data flow, which fixes when it starts and stops: sinks start first and stop
/// last, so nothing a source captures is lost at either end.
/// </summary>
public enum StationStagePhase
{
    /// <summary>Where data leaves the station (publisher, outbox): started first, stopped last, after everything upstream has flushed into it.</summary>
    Sinks = 0,

    /// <summary>What turns captured data into products (flight tracking, tagging): started and stopped between sinks and sources.</summary>
    Processing = 1,

    /// <summary>Where data enters (MAVLink links, video ingest): started last, stopped first (ffmpeg gets 'q', playlists are ended).</summary>
    Sources = 2,
}
