namespace RafeCast.GroundStation.Hosting;

/// <summary>
/// A long-running part of the station (MAVLink links, a video stream, the tagger, the publisher) that the
/// host starts and stops in data-flow order (<see cref="StationStagePhase"/>). Register with
/// <c>AddStationStage</c>.
/// </summary>
public interface IStationStage
{
    /// <summary>A short name for logs and health, e.g. "mavlink", "video:v1-cam0", "publisher".</summary>
    string Name { get; }

    /// <summary>Where the stage sits in the data flow.</summary>
    StationStagePhase Phase { get; }

    /// <summary>Starts the stage; return once it runs (long work continues in the background).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stops the stage and flushes what it holds. <paramref name="cancellationToken"/> fires when the
    /// shutdown timeout (<see cref="Configuration.StationOptions.ShutdownTimeout"/>) is over: stop the hard way then.
    /// </summary>
    Task StopAsync(CancellationToken cancellationToken);
}
