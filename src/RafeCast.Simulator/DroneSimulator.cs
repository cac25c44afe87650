using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;
using RafeCast.Simulator.Camera;
using RafeCast.Simulator.Links;
using RafeCast.Simulator.Physics;
using RafeCast.Simulator.Plans;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator;

/// <summary>
/// Runs simulated vehicles on one link: steps them on the injected clock (50 Hz by default), hands them the
/// frames that arrive, sends what they write in order, and applies the fault switches (link loss, signing).
/// With a fake clock and an in-memory link the whole simulator runs deterministically inside a test.
/// </summary>
public sealed class DroneSimulator : IAsyncDisposable
{
    /// <summary>ArduPilot SITL's default home: Canberra, -35.363261, 149.165230, 584 m AMSL.</summary>
    public static readonly GeoPosition DefaultHome = new(-35.363261, 149.165230, 584, 0);

    private readonly SimulatorOptions _options;
    private readonly ISimulatorLink _link;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SimulatedVehicle[] _vehicles;
    private readonly MavlinkParser _parser = new();
    private readonly Lock _receiveGate = new();
    private readonly Lock _stepGate = new();
    private readonly MavlinkSigningGate _signing;
    private readonly IVehicleCamera?[] _cameras;
    private readonly string? _workingDirectory;
    private readonly bool _ownsWorkingDirectory;
    private long _lastOverlayTimestamp;
    private int _disposed;
    private SimulatorClock? _clock;
    private long _bootTimestamp;
    private long _lastStepTimestamp;
    private long _linkDownUntil;
    private bool _linkDown;
    private long _framesSent;
    private long _framesDropped;
    private long _framesRejected;
    private long _framesReceived;

    public DroneSimulator(SimulatorOptions options, ISimulatorLink link, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(options, link, timeProvider, loggerFactory, cameraFactory: null)
    {
    }

    /// <param name="options">What to simulate.</param>
    /// <param name="link">Where frames go.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="loggerFactory">Logs.</param>
    /// <param name="cameraFactory">Cameras by system id (tests give stand-ins); null: a <see cref="SyntheticCamera"/> each when <see cref="SimulatorOptions.Camera"/> is set.</param>
    internal DroneSimulator(SimulatorOptions options, ISimulatorLink link, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, Func<byte, IVehicleCamera>? cameraFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(link);
        options.Validate();
        _options = options;
        _link = link;
        _time = timeProvider ?? TimeProvider.System;
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = loggers.CreateLogger<DroneSimulator>();
        var signer = options.SigningKey is { } key ? new MavlinkSigner(key, linkId: 0, _time) : null;
        _signing = options.SigningKey is { } verifyKey
            ? new MavlinkSigningGate(MavlinkSigningPolicy.RequireSignedForCommands, new MavlinkSignatureVerifier(verifyKey, _time))
            : MavlinkSigningGate.Open;

        if (cameraFactory is null && options.Camera is { } camera)
        {
            _workingDirectory = camera.WorkingDirectory ?? Path.Combine(Path.GetTempPath(), $"rafecast-sim-{Guid.NewGuid():N}");
            _ownsWorkingDirectory = camera.WorkingDirectory is null;
            Directory.CreateDirectory(_workingDirectory);
            var cameraLogger = loggers.CreateLogger<SyntheticCamera>();
            cameraFactory = id => new SyntheticCamera(id, camera, _workingDirectory, _time, cameraLogger);
        }
        _cameras = new IVehicleCamera?[options.Vehicles];

        var output = new Output(this);
        _vehicles = new SimulatedVehicle[options.Vehicles];
        var vehicleLogger = loggers.CreateLogger<SimulatedVehicle>();
        for (var i = 0; i < options.Vehicles; i++)
        {
            var systemId = (byte)(i + 1);
            var (home, plan) = Place(options, i);
            var vehicle = new SimulatedVehicle(
                systemId,
                home,
                options.HomeHeadingDegrees,
                unchecked((options.Seed * 1_000_003) + systemId),
                output,
                signer,
                _cameras[i] = cameraFactory?.Invoke(systemId),
                options.GpsLockDelay,
                vehicleLogger);
            vehicle.SetInitialParameters(options.WindSpeed, options.WindDirectionDegrees, options.WindTurbulence);
            if (plan is not null)
            {
                vehicle.LoadMission(plan);
                if (options.AutoStart)
                {
                    vehicle.EnableAutoStart();
                }
            }
            _vehicles[i] = vehicle;
        }
    }

    /// <summary>The vehicles, system id 1 first.</summary>
    public IReadOnlyList<SimulatedVehicle> Vehicles => _vehicles;

    /// <summary>The vehicle with system id <paramref name="systemId"/>.</summary>
    public SimulatedVehicle Vehicle(byte systemId) =>
        systemId >= 1 && systemId <= _vehicles.Length
            ? _vehicles[systemId - 1]
            : throw new ArgumentOutOfRangeException(nameof(systemId), systemId, $"The simulator has vehicles 1 to {_vehicles.Length}.");

    /// <summary>Frames handed to the link so far.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Frames written but lost to the link-loss fault.</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    /// <summary>Incoming frames refused by the signing policy (unsigned commands while signing is on, bad signatures).</summary>
    public long FramesRejected => Interlocked.Read(ref _framesRejected);

    /// <summary>Incoming frames parsed.</summary>
    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>True while the link-loss fault holds.</summary>
    // Read on every received frame: a volatile read, not the step lock (a step may be running).
    public bool IsLinkLost => Volatile.Read(ref _linkDown);

    /// <summary>The counters of the parser that reads the link (CRC errors, sequence gaps of the ground station).</summary>
    public MavlinkCounters ReceiveCounters => _parser.Counters;

    /// <summary>Starts the clock: an immediate first step (every stream sends at boot), then one every <see cref="SimulatorOptions.StepInterval"/>.</summary>
    public void Start()
    {
        if (_clock is not null)
        {
            throw new InvalidOperationException("The simulator is already running.");
        }
        _bootTimestamp = _time.GetTimestamp();
        _lastStepTimestamp = _bootTimestamp;
        Log.SimulatorStarted(_logger, _vehicles.Length, _vehicles[0].Snapshot().Home.Point.ToString(), _options.Seed);
        Step();
        for (var i = 0; i < _vehicles.Length; i++)
        {
            if (_cameras[i] is SyntheticCamera camera)
            {
                camera.Start(_vehicles[i].Snapshot());
            }
        }
        _clock = SimulatorClock.Start(_time, Step, _options.StepInterval);
    }

    /// <summary>Simulates a lost radio link for <paramref name="duration"/>: frames are still written (sequence numbers advance) but neither sent nor received.</summary>
    public void LoseLink(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        lock (_stepGate)
        {
            _linkDown = true;
            _linkDownUntil = _time.GetTimestamp() + (long)(duration.TotalSeconds * _time.TimestampFrequency);
        }
        Log.LinkLossStarted(_logger, duration.TotalSeconds);
    }

    /// <summary>
    /// Takes in bytes as they arrived on a link (any chunking), for a link that is not a <see cref="Mavlink.Links.MavlinkLink"/>
    /// (tests, tools): parsed, checked against the signing key like a link would, and dispatched.
    /// </summary>
    public void Receive(ReadOnlySpan<byte> data)
    {
        lock (_receiveGate)
        {
            while (_parser.TryRead(ref data, out var frame))
            {
                var decision = _signing.Evaluate(frame);
                if (!decision.Accepted)
                {
                    Interlocked.Increment(ref _framesRejected);
                    Log.FrameRejected(_logger, frame.Info?.Name ?? frame.MessageId.ToString(CultureInfo.InvariantCulture), frame.Source.ToString(), decision.Check.ToString());
                    continue;
                }
                Dispatch(frame);
            }
        }
    }

    /// <summary>Hands one accepted frame to the vehicles it addresses (dropped while the link is lost).</summary>
    internal void Dispatch(in MavlinkFrame frame)
    {
        if (IsLinkLost)
        {
            return;
        }
        Interlocked.Increment(ref _framesReceived);
        foreach (var vehicle in _vehicles)
        {
            vehicle.Handle(frame);
        }
    }

    /// <summary>The camera of vehicle <paramref name="systemId"/>, or null without cameras.</summary>
    public SyntheticCamera? Camera(byte systemId) => _cameras[Vehicle(systemId).SystemId - 1] as SyntheticCamera;

    /// <summary>Video fault: stops the camera of <paramref name="systemId"/> (every camera when null) until <see cref="RestartVideo"/>.</summary>
    public void StopVideo(byte? systemId = null)
    {
        foreach (var camera in CamerasOf(systemId))
        {
            camera.RequestStop();
        }
    }

    /// <summary>Ends the video fault: the cameras stream again.</summary>
    public void RestartVideo(byte? systemId = null)
    {
        foreach (var camera in CamerasOf(systemId))
        {
            camera.RequestStart();
        }
    }

    private IEnumerable<IVehicleCamera> CamerasOf(byte? systemId) =>
        (systemId is { } id ? [_cameras[Vehicle(id).SystemId - 1]] : _cameras).OfType<IVehicleCamera>();

    /// <summary>Stops the clock and the cameras (ffmpeg gets 'q'). Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        var clock = Interlocked.Exchange(ref _clock, null);
        if (clock is not null)
        {
            await clock.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var camera in _cameras.OfType<SyntheticCamera>())
        {
            await camera.DisposeAsync().ConfigureAwait(false);
        }
        if (_ownsWorkingDirectory && _workingDirectory is not null)
        {
            try
            {
                Directory.Delete(_workingDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file ffmpeg still held: temp is cleaned by the system eventually.
            }
        }
        Log.SimulatorStopped(_logger);
    }

    private void Step()
    {
        lock (_stepGate)
        {
            try
            {
                var now = _time.GetTimestamp();
                // A late timer (a busy machine) is caught up in one longer step, bounded so nothing jumps.
                var dt = Math.Clamp((now - _lastStepTimestamp) / (double)_time.TimestampFrequency, 0, 0.5);
                _lastStepTimestamp = now;
                if (_linkDown && now >= _linkDownUntil)
                {
                    _linkDown = false;
                    Log.LinkLossEnded(_logger);
                }
                var sinceBoot = TimeSpan.FromSeconds((now - _bootTimestamp) / (double)_time.TimestampFrequency);
                var utc = _time.GetUtcNow();
                foreach (var vehicle in _vehicles)
                {
                    vehicle.Step(dt, sinceBoot, utc);
                }
                // The overlay follows the vehicle five times a second; drawtext re-reads it every frame.
                if (now - _lastOverlayTimestamp >= _time.TimestampFrequency / 5)
                {
                    _lastOverlayTimestamp = now;
                    UpdateOverlays();
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A bug in one step must not stop the clock (the timer would swallow it silently).
                Log.StepFailed(_logger, ex);
            }
        }
    }

    private void UpdateOverlays()
    {
        for (var i = 0; i < _vehicles.Length; i++)
        {
            if (_cameras[i] is SyntheticCamera camera)
            {
                try
                {
                    camera.UpdateOverlay(_vehicles[i].Snapshot());
                }
                catch (IOException ex)
                {
                    Log.StepFailed(_logger, ex);
                }
            }
        }
    }

    /// <summary>Where vehicle <paramref name="index"/> stands and the mission it loads (its copy of the plan, moved beside the others).</summary>
    private static (GeoPosition Home, IReadOnlyList<MissionItem>? Plan) Place(SimulatorOptions options, int index)
    {
        var plan = options.Plan;
        var home = options.Home;
        if (plan?.PlannedHome is { } planned)
        {
            home = new GeoPosition(planned.Latitude, planned.Longitude, double.IsFinite(planned.AltitudeAmsl) ? planned.AltitudeAmsl : options.Home.AltitudeAmsl, 0);
        }
        // Vehicles line up to the right of the first leg (or north of home without a plan).
        var across = 0.0;
        var firstLeg = plan?.Items.FirstOrDefault(i => i.HasPosition && FlatEarth.Distance(home.Point, new GeoPoint(i.Latitude, i.Longitude)) > 1);
        if (firstLeg is not null)
        {
            across = FlatEarth.Bearing(home.Point, new GeoPoint(firstLeg.Latitude, firstLeg.Longitude)) + 90;
        }
        var offset = index * options.VehicleSpacingMetres;
        var north = offset * Math.Cos(across * Math.PI / 180);
        var east = offset * Math.Sin(across * Math.PI / 180);
        var point = FlatEarth.Offset(home.Point, north, east);
        var placedHome = new GeoPosition(point.Latitude, point.Longitude, home.AltitudeAmsl, 0);
        if (plan is null)
        {
            return (placedHome, null);
        }
        var items = plan.Items.Select(item =>
        {
            if (!item.HasPosition || offset == 0)
            {
                return item;
            }
            var moved = FlatEarth.Offset(new GeoPoint(item.Latitude, item.Longitude), north, east);
            return item with { X = MissionItem.ToE7(moved.Latitude), Y = MissionItem.ToE7(moved.Longitude) };
        }).ToList();
        return (placedHome, items);
    }

    /// <summary>Every vehicle's frames pass here: counted, dropped while the link is lost, else handed to the link.</summary>
    private sealed class Output(DroneSimulator simulator) : IFrameOutput
    {
        public void Send(ReadOnlySpan<byte> frame)
        {
            if (Volatile.Read(ref simulator._linkDown))
            {
                Interlocked.Increment(ref simulator._framesDropped);
                return;
            }
            Interlocked.Increment(ref simulator._framesSent);
            simulator._link.Send(frame);
        }
    }
}
