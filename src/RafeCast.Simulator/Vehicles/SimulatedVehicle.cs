using Microsoft.Extensions.Logging;
using RafeCast.Core.Geodesy;
using RafeCast.Mavlink;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;
using RafeCast.Simulator.Physics;
using RafeCast.Simulator.Plans;

namespace RafeCast.Simulator.Vehicles;

/// <summary>
/// One simulated ArduCopter-like vehicle: MAVLink system <see cref="SystemId"/>, component 1 (the
/// autopilot). It answers commands, missions and parameters as ArduCopter does, flies with simple
/// kinematics (speeds and accelerations from its parameters, wind, battery drain) and streams telemetry
/// at ArduPilot-like rates that SET_MESSAGE_INTERVAL changes. All of it runs on the injected clock: the
/// owning <see cref="DroneSimulator"/> steps it, and a given seed and clock give the same frames.
/// </summary>
public sealed partial class SimulatedVehicle
{
    private const double Gravity = 9.80665;
    private const double MaxYawRateRadians = 90 * Math.PI / 180;
    private const double LandSpeedSwitchAltitude = 10;

    private readonly Lock _gate = new();
    private readonly MavlinkFrameWriter _writer;
    private readonly IFrameOutput _output;
    private readonly Random _random;
    private readonly ParameterTable _parameters;
    private readonly ILogger _logger;
    private readonly IVehicleCamera? _camera;
    private readonly TimeSpan _gpsLockDelay;

    // True state. _vn/_ve are what the position controller commands, _groundNorth/_groundEast what the
    // vehicle does over ground (wind included); all north-east-down, m/s.
    private GeoPoint _position;
    private double _altitude;
    private double _vn;
    private double _ve;
    private double _vd;
    private double _groundNorth;
    private double _groundEast;
    private double _yaw;
    private double _yawRate;
    private double _roll;
    private double _pitch;
    private double _rollRate;
    private double _pitchRate;
    private GeoPoint _home;
    private double _homeAmsl;

    private bool _armed;
    private CopterMode _mode = CopterMode.Stabilize;
    private MavLandedState _landed = MavLandedState.OnGround;
    private double _idleArmedSeconds;

    // Where the vehicle is told to be.
    private GeoPoint _holdPoint;
    private double _holdAltitude;
    private NavGoal? _guidedGoal;
    private NavGoal? _activeGoal;
    private double? _speedOverride;
    private bool _paused;
    private RtlPhase _rtlPhase;
    private double _rtlAltitude;
    private double _rtlLoiterSeconds;

    // Wind gusts (first-order filtered noise) and GPS error, both from the seeded random source.
    private double _gustNorth;
    private double _gustEast;
    private double _gpsErrorNorth;
    private double _gpsErrorEast;
    private int _satellites = 12;

    private double _consumedMah;
    private double _current;
    private double _voltage = 16.8;
    private int _batteryWarning;

    private TimeSpan _sinceBoot;
    private DateTimeOffset _utc;
    private string? _lastStatusText;
    private ushort _statusTextId;
    private byte _gcsSystemId = 255;
    private byte _gcsComponentId = 190;

    internal SimulatedVehicle(
        byte systemId,
        GeoPosition home,
        double headingDegrees,
        int seed,
        IFrameOutput output,
        MavlinkSigner? signer,
        IVehicleCamera? camera,
        TimeSpan gpsLockDelay,
        ILogger logger)
    {
        SystemId = systemId;
        _writer = new MavlinkFrameWriter(systemId, VehicleComponentId, MavlinkVersion.V2, signer);
        _output = output;
        _random = new Random(seed);
        _parameters = new ParameterTable(systemId);
        _camera = camera;
        _gpsLockDelay = gpsLockDelay;
        _logger = logger;
        _home = home.Point;
        _homeAmsl = double.IsFinite(home.AltitudeAmsl) ? home.AltitudeAmsl : DroneSimulator.DefaultHome.AltitudeAmsl;
        _position = _home;
        _holdPoint = _home;
        _yaw = FlatEarth.WrapPi(headingDegrees * Math.PI / 180);
        InitializeStreams();
    }

    /// <summary>The component id the simulated autopilot sends from (MAV_COMP_ID_AUTOPILOT1).</summary>
    public const byte VehicleComponentId = 1;

    /// <summary>MAVLink system id.</summary>
    public byte SystemId { get; }

    /// <summary>Frames written so far (sequence numbers used).</summary>
    public long FramesWritten => _writer.FramesWritten;

    /// <summary>
    /// Raised after each COMMAND_LONG / COMMAND_INT the vehicle answered, with its result and the state right after
    /// (on the thread that delivered the command; keep handlers quick).
    /// </summary>
    public event Action<VehicleCommandRecord>? CommandHandled;

    /// <summary>The vehicle's state now.</summary>
    public VehicleSnapshot Snapshot()
    {
        lock (_gate)
        {
            return CreateSnapshot();
        }
    }

    private VehicleSnapshot CreateSnapshot()
    {
        var speed = Math.Sqrt((_groundNorth * _groundNorth) + (_groundEast * _groundEast));
        GeoPosition? target = _activeGoal is { } goal ? new GeoPosition(goal.Point.Latitude, goal.Point.Longitude, _homeAmsl + goal.Altitude, goal.Altitude) : null;
        return new VehicleSnapshot(
            SystemId,
            _utc,
            _sinceBoot,
            new GeoPosition(_position.Latitude, _position.Longitude, _homeAmsl + _altitude, _altitude),
            new GeoPosition(_home.Latitude, _home.Longitude, _homeAmsl, 0),
            speed,
            -_vd,
            FlatEarth.NormalizeDegrees(_yaw * 180 / Math.PI),
            _roll * 180 / Math.PI,
            _pitch * 180 / Math.PI,
            _armed,
            _mode,
            _landed,
            _voltage,
            RemainingPercent,
            _consumedMah,
            _mission.Count,
            _mission.Count == 0 ? 0 : _missionSeq,
            target,
            _lastStatusText,
            _camera?.IsStreaming ?? false);
    }

    /// <summary>A parameter's current value, or null when the vehicle has no parameter of that name.</summary>
    public float? GetParameter(string name)
    {
        lock (_gate)
        {
            return _parameters.TryFind(name, out _) ? _parameters.Get(name) : null;
        }
    }

    /// <summary>Loads <paramref name="items"/> as the vehicle's mission (as if a ground station had uploaded it).</summary>
    internal void LoadMission(IReadOnlyList<MissionItem> items)
    {
        lock (_gate)
        {
            ReplaceMission(items);
        }
    }

    /// <summary>Start values of the SIM_WIND_* parameters.</summary>
    internal void SetInitialParameters(double windSpeed, double windDirectionDegrees, double turbulence)
    {
        lock (_gate)
        {
            _parameters.Set("SIM_WIND_SPD", (float)windSpeed);
            _parameters.Set("SIM_WIND_DIR", (float)windDirectionDegrees);
            _parameters.Set("SIM_WIND_TURB", (float)turbulence);
        }
    }

    /// <summary>Arms, takes off and flies the loaded mission in AUTO without a ground station (for --plan and --autofly).</summary>
    internal void EnableAutoStart()
    {
        lock (_gate)
        {
            _autoStart = AutoStartStage.WaitForFix;
        }
    }

    /// <summary>Advances the vehicle by <paramref name="dt"/> seconds of simulation time and sends what is due.</summary>
    internal void Step(double dt, TimeSpan sinceBoot, DateTimeOffset utc)
    {
        lock (_gate)
        {
            _sinceBoot = sinceBoot;
            _utc = utc;
            if (dt > 0)
            {
                UpdateSensors(dt);
                Fly(dt);
                UpdateBattery(dt);
                RunAutoStart();
                RunMissionProtocolTimers();
            }
            SendParameterBatch();
            SendDueTelemetry();
        }
    }

    private bool HasGpsFix => _sinceBoot >= _gpsLockDelay;

    private bool IsFlying => _landed != MavLandedState.OnGround;

    private double RemainingPercent
    {
        get
        {
            var capacity = Math.Max(1, _parameters.Get("BATT_CAPACITY"));
            return Math.Clamp(100.0 * (1 - (_consumedMah / capacity)), 0, 100);
        }
    }

    private double CruiseSpeed => _speedOverride ?? Math.Max(0.2, _parameters.Get("WPNAV_SPEED") / 100.0);

    private double ClimbSpeed => Math.Max(0.1, _parameters.Get("WPNAV_SPEED_UP") / 100.0);

    private double DescentSpeed => Math.Max(0.1, _parameters.Get("WPNAV_SPEED_DN") / 100.0);

    private double HorizontalAcceleration => Math.Max(0.5, _parameters.Get("WPNAV_ACCEL") / 100.0);

    private double WaypointRadius => Math.Max(0.5, _parameters.Get("WPNAV_RADIUS") / 100.0);

    private void UpdateSensors(double dt)
    {
        // GPS error wanders slowly (tens of centimetres), satellites drift between 10 and 15.
        _gpsErrorNorth = (_gpsErrorNorth * 0.98) + (Gaussian() * 0.02);
        _gpsErrorEast = (_gpsErrorEast * 0.98) + (Gaussian() * 0.02);
        if (_random.NextDouble() < dt * 0.05)
        {
            _satellites = Math.Clamp(_satellites + (_random.Next(2) == 0 ? -1 : 1), 10, 15);
        }
        // Gusts: filtered noise with SIM_WIND_TURB as its size (m/s).
        var turbulence = Math.Max(0, _parameters.Get("SIM_WIND_TURB"));
        var alpha = Math.Min(1, dt / 2.0);
        _gustNorth += alpha * ((Gaussian() * turbulence) - _gustNorth);
        _gustEast += alpha * ((Gaussian() * turbulence) - _gustEast);
    }

    /// <summary>Wind over ground, north and east m/s: SIM_WIND_DIR is where it blows from, as in ArduPilot's SITL.</summary>
    private (double North, double East) Wind()
    {
        var speed = Math.Max(0, _parameters.Get("SIM_WIND_SPD"));
        var towards = (_parameters.Get("SIM_WIND_DIR") + 180) * Math.PI / 180;
        return ((speed * Math.Cos(towards)) + _gustNorth, (speed * Math.Sin(towards)) + _gustEast);
    }

    private double Gaussian()
    {
        // Box-Muller from the seeded source, so runs repeat.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private void StatusText(MavSeverity severity, string text)
    {
        _lastStatusText = text;
        Log.VehicleStatusText(_logger, SystemId, text);
        // STATUSTEXT carries 50 bytes; longer texts go in chunks sharing a non-zero id
        // (https://mavlink.io/en/messages/common.html#STATUSTEXT).
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        if (bytes <= 50)
        {
            var message = new Statustext { Severity = severity };
            message.SetText(text);
            Send(message);
            return;
        }
        _statusTextId = (ushort)(_statusTextId == ushort.MaxValue ? 1 : _statusTextId + 1);
        byte chunk = 0;
        for (var start = 0; start < text.Length; chunk++)
        {
            var length = Math.Min(50, text.Length - start);
            while (System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(start, length)) > 50)
            {
                length--;
            }
            var message = new Statustext { Severity = severity, Id = _statusTextId, ChunkSeq = chunk };
            message.SetText(text.AsSpan(start, length));
            Send(message);
            start += length;
        }
    }

    private void Send<TMessage>(in TMessage message)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        Span<byte> buffer = stackalloc byte[MavlinkProtocol.MaxFrameLength];
        var length = _writer.Write(message, buffer);
        _output.Send(buffer[..length]);
    }

    private uint TimeBootMs => (uint)Math.Min(uint.MaxValue, (long)_sinceBoot.TotalMilliseconds);

    private ulong UnixMicroseconds => (ulong)Math.Max(0, (_utc - DateTimeOffset.UnixEpoch).Ticks / 10);

    private readonly record struct NavGoal(GeoPoint Point, double Altitude, double? Speed = null);

    private enum RtlPhase
    {
        Climb,
        Return,
        Loiter,
        Descend,
    }
}
