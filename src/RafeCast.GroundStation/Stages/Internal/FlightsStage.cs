using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.Core.Flights;
using RafeCast.Core.Vehicles;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Hosting;
using RafeCast.Pipeline.Events;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Flights as a stage (processing phase): starts a flight (and its telemetry log) when a vehicle arms, ends it
/// on disarm or a long link loss, and archives it once the segments covering its last moments are in, or after
/// <see cref="FlightOptions.SettleTimeout"/>. When the station stops — after the sources have stopped, so every
/// segment is in — every flight still open ends and every flight not archived yet is archived.
/// </summary>
internal sealed class FlightsStage : IStationStage, IDisposable
{
    private readonly FlightOptions _options;
    private readonly FlightArchiver _archiver;
    private readonly FlightTelemetryRecorder _telemetry;
    private readonly IPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<ITimer> _settleTimers = [];
    private readonly List<Task> _archiving = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _stopping;

    public FlightsStage(IOptions<FlightOptions> options, FlightArchiver archiver, FlightTelemetryRecorder telemetry, IPublisher publisher, TimeProvider time, ILogger<FlightsStage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _archiver = archiver;
        _telemetry = telemetry;
        _publisher = publisher;
        _time = time;
        _logger = logger;
        // Read once: _stop.Token throws once _stop is disposed, and an archive task may start after that.
        _stopping = _stop.Token;
        Tracker = new FlightTracker(time, _options, flight => Ending(flight));
    }

    public string Name => "flights";

    public StationStagePhase Phase => StationStagePhase.Processing;

    public FlightTracker Tracker { get; }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] pending;
        lock (_gate)
        {
            foreach (var timer in _settleTimers)
            {
                timer.Dispose();
            }
            _settleTimers.Clear();
            pending = [.. _archiving];
        }
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time for the archiving under way; the open flights must still end and be archived below.
        }
        foreach (var flight in Tracker.EndAll(_time.GetUtcNow()))
        {
            if (!flight.IsGround && flight.EndReason == FlightEndReason.StationStopped)
            {
                Log.FlightEnding(_logger, flight.Id.Value, flight.Vehicle.ToString(), flight.EndUtc!.Value, FlightEndReason.StationStopped);
            }
            // Archiving only queues to the local outbox, so it runs even when the stop is out of time.
            await _archiver.ArchiveAsync(flight, CancellationToken.None).ConfigureAwait(false);
        }
        await _stop.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>The vehicle armed: a new flight, its telemetry log and <see cref="FlightStarted"/>.</summary>
    public async ValueTask ArmedAsync(VehicleId vehicle, DateTimeOffset atUtc, CancellationToken cancellationToken)
    {
        if (Tracker.Arm(vehicle, atUtc) is not { } flight)
        {
            return;
        }
        if (_options.RecordTelemetry)
        {
            _telemetry.Start(flight.Id, vehicle.SystemId);
        }
        Log.FlightStarted(_logger, flight.Id.Value, vehicle.ToString(), atUtc);
        await _publisher.Publish(new FlightStarted(flight.Id, vehicle, atUtc), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The vehicle disarmed: its flight ends now.</summary>
    public void Disarmed(VehicleId vehicle, DateTimeOffset atUtc)
    {
        if (Tracker.End(vehicle, atUtc, FlightEndReason.Disarmed) is { } flight)
        {
            Ending(flight);
        }
    }

    /// <summary>The vehicle's link was lost: its flight ends if it stays lost.</summary>
    public void LinkLost(VehicleId vehicle, DateTimeOffset lastHeardUtc) => Tracker.LinkLost(vehicle, lastHeardUtc);

    /// <summary>The vehicle is heard again; a vehicle still armed whose flight ended meanwhile starts a new one.</summary>
    public async ValueTask LinkRegainedAsync(VehicleId vehicle, bool armed, DateTimeOffset atUtc, CancellationToken cancellationToken)
    {
        Tracker.LinkRegained(vehicle);
        if (armed && Tracker.OpenFlight(vehicle) is null)
        {
            await ArmedAsync(vehicle, atUtc, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A segment of <paramref name="vehicle"/> was queued: archive the ended flights that now have their footage.</summary>
    public void SegmentQueued(VehicleId vehicle)
    {
        foreach (var flight in Tracker.TakeReadyToArchive(vehicle))
        {
            Archive(flight);
        }
    }

    private void Ending(FlightSession flight)
    {
        Log.FlightEnding(_logger, flight.Id.Value, flight.Vehicle.ToString(), flight.EndUtc!.Value, flight.EndReason!.Value);
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            if (Tracker.TryTakeForArchive(flight))
            {
                Archive(flight);
            }
            lock (_gate)
            {
                if (timer is not null && _settleTimers.Remove(timer))
                {
                    timer.Dispose();
                }
            }
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            _settleTimers.Add(timer);
            // Armed only once assigned and listed: with a zero SettleTimeout it fires at once and must find itself to leave
            // the list. Under the gate, so a concurrent stop cannot dispose it first.
            timer.Change(_options.SettleTimeout, Timeout.InfiniteTimeSpan);
        }
        // A flight with no footage (or all of it in already) is archived at once.
        SegmentQueued(flight.Vehicle);
    }

    private void Archive(FlightSession flight)
    {
        var task = Task.Run(() => _archiver.ArchiveAsync(flight, _stopping), CancellationToken.None);
        lock (_gate)
        {
            _archiving.RemoveAll(t => t.IsCompleted);
            _archiving.Add(task);
        }
    }

    public void Dispose()
    {
        Tracker.Dispose();
        lock (_gate)
        {
            foreach (var timer in _settleTimers)
            {
                timer.Dispose();
            }
            _settleTimers.Clear();
        }
        _stop.Dispose();
    }
}
