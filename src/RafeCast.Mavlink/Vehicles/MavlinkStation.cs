using System.Globalization;
using System.Threading.Channels;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Vehicles;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Routing;
using RafeCast.Mavlink.Telemetry;
using RafeCast.Pipeline.Events;
using CoreAttitude = RafeCast.Core.Telemetry.Attitude;

namespace RafeCast.Mavlink.Vehicles;

/// <summary>
/// The ground station's side of MAVLink: several links at once, our HEARTBEAT on each at 1 Hz, a session per
/// vehicle (an autopilot, keyed by system and component id) discovered on its first heartbeat, link loss after
/// a silence, forwarding between links, and the pipeline notifications: <see cref="VehicleConnected"/>,
/// <see cref="VehicleLinkLost"/>, <see cref="VehicleStateChanged"/> and <see cref="TelemetryReceived"/>, published
/// through <see cref="IPublisher"/> from a queue so a slow handler never stalls a link.
/// </summary>
public sealed class MavlinkStation : IMavlinkFrameHandler, IAsyncDisposable
{
    private const int NotificationQueueCapacity = 4096;
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(250);
    private readonly MavlinkStationOptions _options;
    private readonly IPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<MavlinkLink> _links = [];
    private readonly Dictionary<VehicleId, Vehicle> _vehicles = [];
    private readonly Dictionary<VehicleId, TelemetrySampleBuilder> _telemetry = [];
    private readonly Channel<INotification> _notifications = Channel.CreateBounded<INotification>(new BoundedChannelOptions(NotificationQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly List<TaskCompletionSource<Vehicle>> _vehicleWaiters = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _housekeeping;
    private Task? _publishing;
    private long _droppedNotifications;
    private long _housekeepingRounds;

    public MavlinkStation(MavlinkStationOptions? options, IPublisher publisher, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        _options = options ?? new MavlinkStationOptions();
        _publisher = publisher;
        _time = time ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<MavlinkStation>();
        Router = new MavlinkRouter(_options.SystemId, _options.ComponentId, _time);
    }

    public MavlinkStationOptions Options => _options;

    /// <summary>Our own ids.</summary>
    public VehicleId Self => new(_options.SystemId, _options.ComponentId);

    public MavlinkRouter Router { get; }

    /// <summary>Rounds of the heartbeat and link-loss loop so far (tests step fake time by it).</summary>
    internal long HousekeepingRounds => Interlocked.Read(ref _housekeepingRounds);

    /// <summary>How often the link-loss watch runs.</summary>
    internal static TimeSpan HousekeepingInterval => CheckInterval;

    /// <summary>Notifications dropped because the queue to the publisher was full.</summary>
    public long DroppedNotifications => Interlocked.Read(ref _droppedNotifications);

    public IReadOnlyList<MavlinkLink> Links
    {
        get
        {
            lock (_gate)
            {
                return [.. _links];
            }
        }
    }

    public IReadOnlyList<Vehicle> Vehicles
    {
        get
        {
            lock (_gate)
            {
                return [.. _vehicles.Values];
            }
        }
    }

    public Vehicle? FindVehicle(VehicleId id)
    {
        lock (_gate)
        {
            return _vehicles.GetValueOrDefault(id);
        }
    }

    /// <summary>Adds a link for <paramref name="connectionString"/> (see <see cref="MavlinkConnectionString.AcceptedForms"/>); started by <see cref="StartAsync"/> or at once when already running.</summary>
    /// <exception cref="FormatException">The string is not a connection string; the message lists the accepted forms.</exception>
    public Task<MavlinkLink> AddLinkAsync(string connectionString, CancellationToken cancellationToken) =>
        AddLinkAsync(MavlinkTransports.Create(connectionString, _time), cancellationToken);

    /// <summary>Adds a link over <paramref name="transport"/> (in-memory links in tests, a simulator in-process).</summary>
    public async Task<MavlinkLink> AddLinkAsync(IMavlinkTransport transport, CancellationToken cancellationToken)
    {
        byte linkId;
        lock (_gate)
        {
            linkId = (byte)_links.Count;
        }
        var link = new MavlinkLink(transport, new MavlinkLinkOptions
        {
            SystemId = _options.SystemId,
            ComponentId = _options.ComponentId,
            SigningKey = _options.SigningKey,
            SigningLinkId = linkId,
            SigningPolicy = _options.SigningPolicy,
            RecordPath = RecordPath(transport.Name),
        }, _time, _loggerFactory.CreateLogger<MavlinkLink>());
        link.AddHandler(this);
        if (_options.Forwarding)
        {
            Router.Add(link);
        }
        bool running;
        lock (_gate)
        {
            _links.Add(link);
            running = _housekeeping is not null;
        }
        if (running)
        {
            await link.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        return link;
    }

    /// <summary>Opens every link and starts the heartbeat, link-loss watch and notification publishing.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var link in Links)
        {
            await link.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        lock (_gate)
        {
            _publishing ??= Task.Run(() => PublishLoopAsync(_stop.Token), CancellationToken.None);
            _housekeeping ??= Task.Run(() => HousekeepingLoopAsync(_stop.Token), CancellationToken.None);
        }
    }

    /// <summary>The first vehicle (passing <paramref name="match"/>) to connect, or one already connected.</summary>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>.</exception>
    public async Task<Vehicle> WaitForVehicleAsync(TimeSpan timeout, CancellationToken cancellationToken, Func<Vehicle, bool>? match = null)
    {
        var waiter = new TaskCompletionSource<Vehicle>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var ready = _vehicles.Values.FirstOrDefault(v => !v.State.LinkLost && (match is null || match(v)));
            if (ready is not null)
            {
                return ready;
            }
            if (match is null)
            {
                _vehicleWaiters.Add(waiter);
            }
        }
        if (match is not null)
        {
            // A filtered wait polls on the station's clock; vehicles are few and this is not a hot path.
            using var deadline = new CancellationTokenSource(timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                while (true)
                {
                    var found = Vehicles.FirstOrDefault(v => !v.State.LinkLost && match(v));
                    if (found is not null)
                    {
                        return found;
                    }
                    await Task.Delay(CheckInterval, _time, linked.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No matching vehicle connected within {timeout.TotalSeconds:0.#} s.");
            }
        }
        try
        {
            return await waiter.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _vehicleWaiters.Remove(waiter);
            }
            throw new TimeoutException($"No vehicle connected within {timeout.TotalSeconds:0.#} s on {string.Join(", ", Links.Select(l => l.Name))}.");
        }
    }

    /// <summary>Sends our HEARTBEAT on every link now.</summary>
    public async Task SendHeartbeatAsync(CancellationToken cancellationToken)
    {
        var heartbeat = new Heartbeat
        {
            Type = MavType.Gcs,
            Autopilot = MavAutopilot.Invalid,
            BaseMode = 0,
            CustomMode = 0,
            SystemStatus = MavState.Active,
        };
        foreach (var link in Links)
        {
            await link.SendAsync(heartbeat, cancellationToken).ConfigureAwait(false);
        }
    }

    void IMavlinkFrameHandler.OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc)
    {
        if (!frame.IsKnown)
        {
            return;
        }
        var id = frame.Source;
        Vehicle? vehicle;
        lock (_gate)
        {
            _vehicles.TryGetValue(id, out vehicle);
        }
        if (frame.MessageId == Heartbeat.MessageId)
        {
            var heartbeat = Heartbeat.Deserialize(frame.Payload);
            if (vehicle is null)
            {
                if (heartbeat.Type == MavType.Gcs || heartbeat.Autopilot == MavAutopilot.Invalid)
                {
                    // Other ground stations, cameras, gimbals: routed, but not vehicles.
                    return;
                }
                vehicle = Discover(link, id, heartbeat, receivedUtc);
            }
            else
            {
                OnHeartbeat(vehicle, link, heartbeat, receivedUtc);
            }
        }
        else if (vehicle is null)
        {
            return;
        }
        else
        {
            Heard(vehicle, link, receivedUtc);
            Update(vehicle, frame, receivedUtc);
        }
        vehicle.Dispatch(frame);
    }

    private Vehicle Discover(MavlinkLink link, VehicleId id, in Heartbeat heartbeat, DateTimeOffset now)
    {
        var state = new VehicleState
        {
            Id = id,
            Link = link.Name,
            Autopilot = heartbeat.Autopilot,
            Type = heartbeat.Type,
            BaseMode = heartbeat.BaseMode,
            CustomMode = heartbeat.CustomMode,
            FlightMode = FlightModes.NameOf(heartbeat.Autopilot, heartbeat.CustomMode),
            SystemStatus = heartbeat.SystemStatus,
            ConnectedUtc = now,
            LastHeardUtc = now,
        };
        Vehicle vehicle;
        TaskCompletionSource<Vehicle>[] waiters;
        lock (_gate)
        {
            if (_vehicles.TryGetValue(id, out var existing))
            {
                return existing;
            }
            vehicle = new Vehicle(id, Self, link, state, _options, _time, _logger);
            _vehicles.Add(id, vehicle);
            _telemetry.Add(id, new TelemetrySampleBuilder(link.Name));
            waiters = [.. _vehicleWaiters];
            _vehicleWaiters.Clear();
        }
        Log.VehicleConnected(_logger, id.ToString(), link.Name, heartbeat.Autopilot.ToString(), heartbeat.Type.ToString());
        Enqueue(new VehicleConnected(id, now, link.Name, Regained: false));
        Enqueue(new VehicleStateChanged(id, now, state.Armed, state.FlightMode, null, null));
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(vehicle);
        }
        return vehicle;
    }

    private void OnHeartbeat(Vehicle vehicle, MavlinkLink link, in Heartbeat heartbeat, DateTimeOffset now)
    {
        Heard(vehicle, link, now);
        VehicleState before, after;
        lock (_gate)
        {
            before = vehicle.State;
            after = before with
            {
                Autopilot = heartbeat.Autopilot,
                Type = heartbeat.Type,
                BaseMode = heartbeat.BaseMode,
                CustomMode = heartbeat.CustomMode,
                FlightMode = FlightModes.NameOf(heartbeat.Autopilot, heartbeat.CustomMode),
                SystemStatus = heartbeat.SystemStatus,
            };
            vehicle.Update(after);
        }
        if (before.Armed != after.Armed || before.FlightMode != after.FlightMode)
        {
            Log.VehicleStateChanged(_logger, vehicle.Id.ToString(), after.Armed ? "armed" : "disarmed", after.FlightMode);
            Enqueue(new VehicleStateChanged(vehicle.Id, now, after.Armed, after.FlightMode, before.Armed, before.FlightMode));
        }
    }

    private void Heard(Vehicle vehicle, MavlinkLink link, DateTimeOffset now)
    {
        bool regained;
        lock (_gate)
        {
            var state = vehicle.State;
            regained = state.LinkLost;
            vehicle.Update(state with { LastHeardUtc = now, LinkLost = false, Link = link.Name, ConnectedUtc = regained ? now : state.ConnectedUtc });
        }
        vehicle.Heard(link);
        if (regained)
        {
            Log.VehicleLinkRegained(_logger, vehicle.Id.ToString(), link.Name);
            Enqueue(new VehicleConnected(vehicle.Id, now, link.Name, Regained: true));
        }
    }

    private void Update(Vehicle vehicle, in MavlinkFrame frame, DateTimeOffset now)
    {
        // The builder keeps the vehicle's attitude, HUD figures and clock for the samples; links run their
        // receive loops on their own threads, so it is used under the station's lock.
        bool built;
        Core.Telemetry.TelemetrySample sample;
        lock (_gate)
        {
            built = _telemetry[vehicle.Id].TryAdd(frame, now, out sample);
        }
        if (built)
        {
            Enqueue(new TelemetryReceived(sample));
        }
        var payload = frame.Payload;
        lock (_gate)
        {
            var state = vehicle.State;
            switch (frame.MessageId)
            {
                case 33:
                    var position = GlobalPositionInt.Deserialize(payload);
                    state = state with
                    {
                        Position = new GeoPosition(position.Lat / 1e7, position.Lon / 1e7, position.Alt / 1000.0, position.RelativeAlt / 1000.0),
                        HeadingDegrees = sample.HeadingDegrees,
                        GroundSpeedMetresPerSecond = sample.GroundSpeedMetresPerSecond,
                    };
                    break;
                case 30:
                    var attitude = Messages.Attitude.Deserialize(payload);
                    state = state with { Attitude = new CoreAttitude(attitude.Roll, attitude.Pitch, attitude.Yaw) };
                    break;
                case 74:
                    var hud = VfrHud.Deserialize(payload);
                    state = state with { ClimbRateMetresPerSecond = hud.Climb, GroundSpeedMetresPerSecond = hud.Groundspeed };
                    break;
                case 1:
                    var status = SysStatus.Deserialize(payload);
                    state = state with
                    {
                        Battery = new BatteryState(
                            status.VoltageBattery == ushort.MaxValue ? double.NaN : status.VoltageBattery / 1000.0,
                            status.CurrentBattery < 0 ? null : status.CurrentBattery / 100.0,
                            status.BatteryRemaining < 0 ? null : status.BatteryRemaining),
                    };
                    break;
                case 24:
                    var gps = GpsRawInt.Deserialize(payload);
                    state = state with
                    {
                        Gps = new GpsState(gps.FixType, gps.SatellitesVisible == byte.MaxValue ? null : gps.SatellitesVisible, gps.Eph == ushort.MaxValue ? null : gps.Eph / 100.0),
                    };
                    break;
                case 242:
                    var home = HomePosition.Deserialize(payload);
                    state = state with { Home = new GeoPosition(home.Latitude / 1e7, home.Longitude / 1e7, home.Altitude / 1000.0, 0) };
                    break;
                case 148:
                    state = state with { Capabilities = AutopilotVersion.Deserialize(payload).Capabilities };
                    break;
                case 245:
                    state = state with { LandedState = ExtendedSysState.Deserialize(payload).LandedState };
                    break;
                case 253:
                    var text = Statustext.Deserialize(payload);
                    Log.StatusText(_logger, vehicle.Id.ToString(), text.Severity.ToString(), text.GetText());
                    break;
            }
            vehicle.Update(state);
        }
    }

    private void Enqueue(INotification notification)
    {
        if (!_notifications.Writer.TryWrite(notification))
        {
            Interlocked.Increment(ref _droppedNotifications);
            Log.NotificationDropped(_logger, notification.GetType().Name);
        }
    }

    private async Task PublishLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var notification in _notifications.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await _publisher.Publish(notification, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    Log.NotificationFailed(_logger, ex, notification.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task HousekeepingLoopAsync(CancellationToken cancellationToken)
    {
        var nextHeartbeat = _time.GetUtcNow();
        using var timer = new PeriodicTimer(CheckInterval, _time);
        try
        {
            do
            {
                var now = _time.GetUtcNow();
                if (now >= nextHeartbeat)
                {
                    nextHeartbeat = now + _options.HeartbeatInterval;
                    await SendHeartbeatAsync(cancellationToken).ConfigureAwait(false);
                }
                CheckLinkLoss(now);
                Interlocked.Increment(ref _housekeepingRounds);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void CheckLinkLoss(DateTimeOffset now)
    {
        List<(VehicleId Id, DateTimeOffset LastHeard)> lost = [];
        lock (_gate)
        {
            foreach (var vehicle in _vehicles.Values)
            {
                var state = vehicle.State;
                if (!state.LinkLost && now - state.LastHeardUtc > _options.LinkLossTimeout)
                {
                    vehicle.Update(state with { LinkLost = true });
                    lost.Add((vehicle.Id, state.LastHeardUtc));
                }
            }
        }
        foreach (var (id, lastHeard) in lost)
        {
            Log.VehicleLinkLost(_logger, id.ToString(), (now - lastHeard).TotalSeconds);
            Enqueue(new VehicleLinkLost(id, lastHeard, now));
        }
    }

    private string? RecordPath(string linkName)
    {
        if (_options.RecordDirectory is null)
        {
            return null;
        }
        Directory.CreateDirectory(_options.RecordDirectory);
        var safe = string.Concat(linkName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        var stamp = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return Path.Combine(_options.RecordDirectory, $"{stamp}-{safe}.tlog");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_housekeeping is not null)
        {
            await _housekeeping.ConfigureAwait(false);
        }
        if (_publishing is not null)
        {
            await _publishing.ConfigureAwait(false);
        }
        await Router.DisposeAsync().ConfigureAwait(false);
        foreach (var link in Links)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
