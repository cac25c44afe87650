using RafeCast.Mavlink;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Physics;

namespace RafeCast.Simulator.Vehicles;

/// <summary>
/// Telemetry streams: each message has an interval (ArduPilot-like defaults over a telemetry radio) that
/// MAV_CMD_SET_MESSAGE_INTERVAL changes, disables (-1) or resets (0); MAV_CMD_REQUEST_MESSAGE sends one now.
/// </summary>
public sealed partial class SimulatedVehicle
{
    /// <summary>Default stream intervals in milliseconds, by message id.</summary>
    internal static readonly IReadOnlyDictionary<uint, double> DefaultIntervals = new SortedDictionary<uint, double>
    {
        [0] = 1000,   // HEARTBEAT 1 Hz
        [1] = 500,    // SYS_STATUS 2 Hz
        [2] = 1000,   // SYSTEM_TIME 1 Hz
        [24] = 200,   // GPS_RAW_INT 5 Hz
        [30] = 100,   // ATTITUDE 10 Hz
        [33] = 200,   // GLOBAL_POSITION_INT 5 Hz
        [42] = 1000,  // MISSION_CURRENT 1 Hz
        [74] = 250,   // VFR_HUD 4 Hz
        [147] = 1000, // BATTERY_STATUS 1 Hz
        [242] = 5000, // HOME_POSITION every 5 s
        [245] = 1000, // EXTENDED_SYS_STATE 1 Hz
    };

    private const double ShortestIntervalMs = 10;

    // Message id -> (interval ms, next due ms since boot); a SortedDictionary so one step sends in a fixed order.
    private readonly SortedDictionary<uint, StreamState> _streams = [];

    private void InitializeStreams()
    {
        foreach (var (id, interval) in DefaultIntervals)
        {
            _streams[id] = new StreamState { IntervalMs = interval, NextDueMs = 0 };
        }
    }

    private void SendDueTelemetry()
    {
        var now = _sinceBoot.TotalMilliseconds;
        foreach (var (id, stream) in _streams)
        {
            if (stream.IntervalMs <= 0 || now < stream.NextDueMs)
            {
                continue;
            }
            SendMessage(id, 0);
            stream.NextDueMs += stream.IntervalMs;
            if (stream.NextDueMs <= now)
            {
                // Behind (a slow step): skip the missed ones rather than burst.
                stream.NextDueMs = now + stream.IntervalMs;
            }
        }
    }

    /// <summary>MAV_CMD_SET_MESSAGE_INTERVAL: param2 is the interval in µs, -1 to stop, 0 for the default.</summary>
    private MavResult SetMessageInterval(uint id, float intervalUs)
    {
        if (!CanSend(id) || float.IsNaN(intervalUs) || intervalUs < -1)
        {
            return MavResult.Denied;
        }
        if (!_streams.TryGetValue(id, out var stream))
        {
            stream = new StreamState();
            _streams[id] = stream;
        }
        stream.IntervalMs = intervalUs switch
        {
            -1 => 0,
            0 => DefaultIntervals.GetValueOrDefault(id),
            _ => Math.Max(ShortestIntervalMs, intervalUs / 1000.0),
        };
        stream.NextDueMs = _sinceBoot.TotalMilliseconds;
        return MavResult.Accepted;
    }

    /// <summary>The current interval of a stream in µs (-1 when not streamed), for MESSAGE_INTERVAL answers and tests.</summary>
    internal double StreamIntervalMicroseconds(uint id)
    {
        lock (_gate)
        {
            return _streams.TryGetValue(id, out var stream) && stream.IntervalMs > 0 ? stream.IntervalMs * 1000 : -1;
        }
    }

    private bool CanSend(uint id) => id switch
    {
        0 or 1 or 2 or 24 or 30 or 33 or 42 or 74 or 87 or 147 or 148 or 242 or 245 => true,
        259 or 269 or 270 => _camera is not null,
        _ => false,
    };

    private void SendMessage(uint id, float parameter)
    {
        switch (id)
        {
            case 0:
                SendHeartbeat();
                break;
            case 1:
                SendSysStatus();
                break;
            case 2:
                Send(new SystemTime { TimeUnixUsec = UnixMicroseconds, TimeBootMs = TimeBootMs });
                break;
            case 24:
                SendGpsRaw();
                break;
            case 30:
                Send(new Mavlink.Messages.Attitude
                {
                    TimeBootMs = TimeBootMs,
                    Roll = (float)_roll,
                    Pitch = (float)_pitch,
                    Yaw = (float)_yaw,
                    Rollspeed = (float)_rollRate,
                    Pitchspeed = (float)_pitchRate,
                    Yawspeed = (float)_yawRate,
                });
                break;
            case 33:
                Send(new GlobalPositionInt
                {
                    TimeBootMs = TimeBootMs,
                    Lat = ToE7(_position.Latitude),
                    Lon = ToE7(_position.Longitude),
                    Alt = (int)Math.Round((_homeAmsl + _altitude) * 1000),
                    RelativeAlt = (int)Math.Round(_altitude * 1000),
                    Vx = (short)Math.Round(_groundNorth * 100),
                    Vy = (short)Math.Round(_groundEast * 100),
                    Vz = (short)Math.Round(_vd * 100),
                    Hdg = (ushort)Math.Round(FlatEarth.NormalizeDegrees(_yaw * 180 / Math.PI) * 100 % 36000),
                });
                break;
            case 42:
                SendMissionCurrent();
                break;
            case 74:
                {
                    var speed = Math.Sqrt((_groundNorth * _groundNorth) + (_groundEast * _groundEast));
                    var (windNorth, windEast) = Wind();
                    var airNorth = _groundNorth - windNorth;
                    var airEast = _groundEast - windEast;
                    Send(new VfrHud
                    {
                        Airspeed = (float)Math.Sqrt((airNorth * airNorth) + (airEast * airEast)),
                        Groundspeed = (float)speed,
                        Heading = (short)Math.Round(FlatEarth.NormalizeDegrees(_yaw * 180 / Math.PI) % 360),
                        Throttle = (ushort)Throttle(),
                        Alt = (float)(_homeAmsl + _altitude),
                        Climb = (float)-_vd,
                    });
                    break;
                }
            case 87:
                {
                    var goal = _activeGoal ?? Hold();
                    Send(new PositionTargetGlobalInt
                    {
                        TimeBootMs = TimeBootMs,
                        CoordinateFrame = MavFrame.GlobalRelativeAltInt,
                        TypeMask = PositionTargetTypemask.VxIgnore | PositionTargetTypemask.VyIgnore | PositionTargetTypemask.VzIgnore
                            | PositionTargetTypemask.AxIgnore | PositionTargetTypemask.AyIgnore | PositionTargetTypemask.AzIgnore
                            | PositionTargetTypemask.YawIgnore | PositionTargetTypemask.YawRateIgnore,
                        LatInt = ToE7(goal.Point.Latitude),
                        LonInt = ToE7(goal.Point.Longitude),
                        Alt = (float)goal.Altitude,
                    });
                    break;
                }
            case 147:
                SendBattery();
                break;
            case 148:
                SendAutopilotVersion();
                break;
            case 242:
                Send(new HomePosition
                {
                    Latitude = ToE7(_home.Latitude),
                    Longitude = ToE7(_home.Longitude),
                    Altitude = (int)Math.Round(_homeAmsl * 1000),
                    Q = Quaternion(1, 0, 0, 0),
                    TimeUsec = UnixMicroseconds,
                });
                break;
            case 245:
                Send(new ExtendedSysState { VtolState = MavVtolState.Undefined, LandedState = _landed });
                break;
            case 259:
                SendCameraInformation();
                break;
            case 269:
                SendVideoStreamInformation();
                break;
            case 270:
                SendVideoStreamStatus();
                break;
            default:
                break;
        }
    }

    private void SendHeartbeat()
    {
        // ArduCopter: custom mode in use, always "manual input" and stabilised; guided flag in the
        // autonomous modes; armed flag when armed.
        var baseMode = MavModeFlag.CustomModeEnabled | MavModeFlag.ManualInputEnabled | MavModeFlag.StabilizeEnabled;
        if (_mode is CopterMode.Guided or CopterMode.Auto or CopterMode.Rtl or CopterMode.Land or CopterMode.Loiter or CopterMode.PosHold or CopterMode.Brake)
        {
            baseMode |= MavModeFlag.GuidedEnabled;
        }
        if (_mode == CopterMode.Auto)
        {
            baseMode |= MavModeFlag.AutoEnabled;
        }
        if (_armed)
        {
            baseMode |= MavModeFlag.SafetyArmed;
        }
        var state = !_armed ? MavState.Standby : _batteryWarning >= 2 ? MavState.Critical : MavState.Active;
        Send(new Heartbeat
        {
            Type = MavType.Quadrotor,
            Autopilot = MavAutopilot.Ardupilotmega,
            BaseMode = baseMode,
            CustomMode = (uint)_mode,
            SystemStatus = state,
            MavlinkVersion = 3,
        });
    }

    private static readonly MavSysStatusSensor Sensors =
        MavSysStatusSensor.Sensor3dGyro | MavSysStatusSensor.Sensor3dAccel | MavSysStatusSensor.Sensor3dMag
        | MavSysStatusSensor.AbsolutePressure | MavSysStatusSensor.Gps | MavSysStatusSensor.AngularRateControl
        | MavSysStatusSensor.AttitudeStabilization | MavSysStatusSensor.YawPosition | MavSysStatusSensor.ZAltitudeControl
        | MavSysStatusSensor.XyPositionControl | MavSysStatusSensor.MotorOutputs | MavSysStatusSensor.Ahrs
        | MavSysStatusSensor.Battery | MavSysStatusSensor.PrearmCheck;

    private void SendSysStatus()
    {
        var health = Sensors;
        if (!HasGpsFix)
        {
            health &= ~(MavSysStatusSensor.Gps | MavSysStatusSensor.PrearmCheck);
        }
        var enabled = _armed ? Sensors : Sensors & ~MavSysStatusSensor.MotorOutputs;
        Send(new SysStatus
        {
            OnboardControlSensorsPresent = Sensors,
            OnboardControlSensorsEnabled = enabled,
            OnboardControlSensorsHealth = health,
            Load = 180,
            VoltageBattery = (ushort)Math.Round(_voltage * 1000),
            CurrentBattery = (short)Math.Round(_current * 100),
            BatteryRemaining = (sbyte)Math.Round(RemainingPercent),
        });
    }

    private void SendGpsRaw()
    {
        var fix = HasGpsFix;
        var reported = FlatEarth.Offset(_position, _gpsErrorNorth, _gpsErrorEast);
        var speed = Math.Sqrt((_groundNorth * _groundNorth) + (_groundEast * _groundEast));
        var course = speed > 0.2 ? FlatEarth.NormalizeDegrees(Math.Atan2(_groundEast, _groundNorth) * 180 / Math.PI) : 0;
        Send(new GpsRawInt
        {
            TimeUsec = UnixMicroseconds,
            FixType = fix ? GpsFixType.Type3dFix : GpsFixType.NoFix,
            Lat = fix ? ToE7(reported.Latitude) : 0,
            Lon = fix ? ToE7(reported.Longitude) : 0,
            Alt = fix ? (int)Math.Round((_homeAmsl + _altitude) * 1000) : 0,
            Eph = (ushort)(fix ? 70 : ushort.MaxValue),
            Epv = (ushort)(fix ? 120 : ushort.MaxValue),
            Vel = (ushort)Math.Round(speed * 100),
            Cog = (ushort)Math.Round(course * 100 % 36000),
            SatellitesVisible = (byte)(fix ? _satellites : 3),
            AltEllipsoid = fix ? (int)Math.Round((_homeAmsl + _altitude + 20.1) * 1000) : 0,
            HAcc = fix ? 450u : 0,
            VAcc = fix ? 800u : 0,
            VelAcc = fix ? 150u : 0,
            HdgAcc = 0,
        });
    }

    private void SendBattery()
    {
        var voltages = default(MavlinkArray10<ushort>);
        for (var i = 0; i < 10; i++)
        {
            voltages[i] = ushort.MaxValue;
        }
        voltages[0] = (ushort)Math.Round(_voltage * 1000);
        var extended = default(MavlinkArray4<ushort>);
        var remaining = RemainingPercent;
        var charge = _batteryWarning switch
        {
            >= 2 => MavBatteryChargeState.Critical,
            1 => MavBatteryChargeState.Low,
            _ => MavBatteryChargeState.Ok,
        };
        var capacity = Math.Max(1, _parameters.Get("BATT_CAPACITY"));
        var secondsLeft = _current > 0.5 ? (capacity - _consumedMah) * 3.6 / _current : 0;
        Send(new BatteryStatus
        {
            Id = 0,
            BatteryFunction = MavBatteryFunction.All,
            Type = MavBatteryType.Lipo,
            Temperature = short.MaxValue,
            Voltages = voltages,
            CurrentBattery = (short)Math.Round(_current * 100),
            CurrentConsumed = (int)Math.Round(_consumedMah),
            // Energy in hJ: mAh x V x 3.6 J / 100.
            EnergyConsumed = (int)Math.Round(_consumedMah * _voltage * 3.6 / 100),
            BatteryRemaining = (sbyte)Math.Round(remaining),
            TimeRemaining = (int)Math.Max(0, secondsLeft),
            ChargeState = charge,
            VoltagesExt = extended,
            Mode = MavBatteryMode.Unknown,
        });
    }

    private void SendAutopilotVersion()
    {
        // ArduCopter 4.5.7 official: major << 24 | minor << 16 | patch << 8 | FIRMWARE_VERSION_TYPE_OFFICIAL.
        const uint version = (4u << 24) | (5u << 16) | (7u << 8) | 255u;
        Send(new AutopilotVersion
        {
            Capabilities = MavProtocolCapability.MissionFloat | MavProtocolCapability.ParamFloat | MavProtocolCapability.MissionInt
                | MavProtocolCapability.CommandInt | MavProtocolCapability.SetPositionTargetGlobalInt | MavProtocolCapability.Mavlink2
                | MavProtocolCapability.ParamEncodeCCast,
            FlightSwVersion = version,
            BoardVersion = 0,
            VendorId = 0x1209,
            ProductId = 0x5740,
            Uid = 0x5241_4645_0000_0000UL | SystemId,
        });
    }

    private void SendCameraInformation()
    {
        var camera = _camera!;
        var info = new CameraInformation
        {
            TimeBootMs = TimeBootMs,
            FirmwareVersion = 1,
            FocalLength = 4.5f,
            SensorSizeH = 6.17f,
            SensorSizeV = 4.55f,
            ResolutionH = (ushort)camera.Width,
            ResolutionV = (ushort)camera.Height,
            Flags = CameraCapFlags.CaptureVideo | CameraCapFlags.HasVideoStream,
        };
        MavlinkText.Encode("RafeCast", info.VendorName);
        MavlinkText.Encode("Synthetic camera", info.ModelName);
        Send(info);
    }

    private void SendVideoStreamInformation()
    {
        var camera = _camera!;
        var info = new VideoStreamInformation
        {
            StreamId = 1,
            Count = 1,
            // MPEG-TS whether it travels over UDP or SRT: the URI says which.
            Type = VideoStreamType.MpegTs,
            Flags = camera.IsStreaming ? VideoStreamStatusFlags.Running : 0,
            Framerate = camera.FramesPerSecond,
            ResolutionH = (ushort)camera.Width,
            ResolutionV = (ushort)camera.Height,
            Bitrate = (uint)camera.BitrateKbps * 1000,
            Hfov = 90,
            Encoding = VideoStreamEncoding.H264,
        };
        info.SetName($"vehicle {SystemId} camera");
        info.SetUri(camera.Uri);
        Send(info);
    }

    private void SendVideoStreamStatus()
    {
        var camera = _camera!;
        Send(new VideoStreamStatus
        {
            StreamId = 1,
            Flags = camera.IsStreaming ? VideoStreamStatusFlags.Running : 0,
            Framerate = camera.FramesPerSecond,
            ResolutionH = (ushort)camera.Width,
            ResolutionV = (ushort)camera.Height,
            Bitrate = (uint)camera.BitrateKbps * 1000,
            Hfov = 90,
        });
    }

    private double Throttle()
    {
        if (!_armed)
        {
            return 0;
        }
        return _landed == MavLandedState.OnGround ? 8 : Math.Clamp(42 - (_vd * 6), 10, 90);
    }

    private static int ToE7(double degrees) => (int)Math.Round(degrees * 1e7);

    private static MavlinkArray4<float> Quaternion(float w, float x, float y, float z)
    {
        var q = default(MavlinkArray4<float>);
        q[0] = w;
        q[1] = x;
        q[2] = y;
        q[3] = z;
        return q;
    }

    private sealed class StreamState
    {
        public double IntervalMs { get; set; }

        public double NextDueMs { get; set; }
    }
}
