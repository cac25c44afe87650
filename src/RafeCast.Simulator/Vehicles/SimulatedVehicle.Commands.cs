using System.Globalization;
using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Physics;

namespace RafeCast.Simulator.Vehicles;

public sealed partial class SimulatedVehicle
{
    /// <summary>The magic param2 of MAV_CMD_COMPONENT_ARM_DISARM that forces arming or disarming (ArduPilot and PX4).</summary>
    private const float ForceArmDisarm = 21196;

    /// <summary>Takes in one frame from the link; frames for other systems are ignored.</summary>
    internal void Handle(in MavlinkFrame frame)
    {
        if (!frame.IsKnown || frame.SystemId == SystemId)
        {
            return;
        }
        lock (_gate)
        {
            switch (frame.MessageId)
            {
                case 76:
                    {
                        var command = CommandLong.Deserialize(frame.Payload);
                        if (IsForMe(command.TargetSystem, command.TargetComponent))
                        {
                            Remember(frame);
                            Execute(CommandRequest.From(command), frame.SystemId, frame.ComponentId);
                        }
                        return;
                    }
                case 75:
                    {
                        var command = CommandInt.Deserialize(frame.Payload);
                        if (IsForMe(command.TargetSystem, command.TargetComponent))
                        {
                            Remember(frame);
                            Execute(CommandRequest.From(command), frame.SystemId, frame.ComponentId);
                        }
                        return;
                    }
                case 86:
                    {
                        var target = SetPositionTargetGlobalInt.Deserialize(frame.Payload);
                        if (IsForMe(target.TargetSystem, target.TargetComponent))
                        {
                            HandlePositionTarget(target);
                        }
                        return;
                    }
                case 111:
                    HandleTimesync(Timesync.Deserialize(frame.Payload));
                    return;
                default:
                    HandleMissionOrParameter(frame);
                    return;
            }
        }
    }

    private bool IsForMe(byte targetSystem, byte targetComponent) =>
        (targetSystem == SystemId || targetSystem == 0) && (targetComponent == VehicleComponentId || targetComponent == 0);

    private void Remember(in MavlinkFrame frame)
    {
        _gcsSystemId = frame.SystemId;
        _gcsComponentId = frame.ComponentId;
    }

    private void Execute(in CommandRequest command, byte fromSystem, byte fromComponent)
    {
        var (result, followUp) = Run(command);
        var ack = new CommandAck
        {
            Command = command.Command,
            Result = result,
            TargetSystem = fromSystem,
            TargetComponent = fromComponent,
        };
        Send(ack);
        Log.CommandHandled(_logger, SystemId, command.Command.ToString(), $"{fromSystem}/{fromComponent}", result.ToString());
        // Requested messages follow their ack (https://mavlink.io/en/messages/common.html#MAV_CMD_REQUEST_MESSAGE).
        followUp?.Invoke();
    }

    private (MavResult Result, Action? FollowUp) Run(in CommandRequest command)
    {
        switch (command.Command)
        {
            case MavCmd.ComponentArmDisarm:
                return (command.Param1 >= 0.5f ? Arm(command.Param2 == ForceArmDisarm) : RequestDisarm(command.Param2 == ForceArmDisarm), null);
            case MavCmd.NavTakeoff:
                return (Takeoff(ToRelativeAltitude(command.Frame, command.Altitude)), null);
            case MavCmd.NavLand:
                return (SetMode(CopterMode.Land), null);
            case MavCmd.NavReturnToLaunch:
                return (SetMode(CopterMode.Rtl), null);
            case MavCmd.DoSetMode:
                // param1 is the base mode; bit 0 (MAV_MODE_FLAG_CUSTOM_MODE_ENABLED) says param2 is the custom mode.
                if (((int)command.Param1 & (int)MavModeFlag.CustomModeEnabled) == 0)
                {
                    return (MavResult.Denied, null);
                }
                return (SetMode((CopterMode)(uint)command.Param2), null);
            case MavCmd.DoReposition:
                return (Reposition(command), null);
            case MavCmd.DoChangeSpeed:
                _speedOverride = command.Param2 > 0 ? command.Param2 : null;
                return (MavResult.Accepted, null);
            case MavCmd.DoSetHome:
                return (SetHome(command), () => SendMessage(242, 0));
            case MavCmd.DoPauseContinue:
                if (_mode is not (CopterMode.Auto or CopterMode.Guided))
                {
                    return (MavResult.Denied, null);
                }
                _paused = command.Param1 < 0.5f;
                if (_paused)
                {
                    CaptureHold();
                }
                return (MavResult.Accepted, null);
            case MavCmd.MissionStart:
                return (StartMission((int)command.Param1), null);
            case MavCmd.SetMessageInterval:
                return (SetMessageInterval((uint)command.Param1, command.Param2), null);
            case MavCmd.RequestMessage:
                {
                    var id = (uint)command.Param1;
                    var parameter = command.Param2;
                    return CanSend(id) ? (MavResult.Accepted, () => SendMessage(id, parameter)) : (MavResult.Unsupported, null);
                }
            case MavCmd.RequestAutopilotCapabilities:
                return (MavResult.Accepted, () => SendMessage(148, 0));
            case MavCmd.RequestCameraInformation:
                return _camera is null ? (MavResult.Unsupported, null) : (MavResult.Accepted, () => SendMessage(259, 0));
            case MavCmd.VideoStartStreaming:
                if (_camera is null)
                {
                    return (MavResult.Unsupported, null);
                }
                _camera.RequestStart();
                return (MavResult.Accepted, null);
            case MavCmd.VideoStopStreaming:
                if (_camera is null)
                {
                    return (MavResult.Unsupported, null);
                }
                _camera.RequestStop();
                return (MavResult.Accepted, null);
            default:
                return (MavResult.Unsupported, null);
        }
    }

    private MavResult Arm(bool force)
    {
        if (_armed)
        {
            return MavResult.Accepted;
        }
        if (!force && _parameters.Get("ARMING_CHECK") != 0)
        {
            if (!HasGpsFix && RequiresPosition(_mode))
            {
                StatusText(MavSeverity.Critical, "PreArm: Need 3D Fix");
                return MavResult.Failed;
            }
            if (RemainingPercent <= 0)
            {
                StatusText(MavSeverity.Critical, "PreArm: Battery below minimum arming capacity");
                return MavResult.Failed;
            }
        }
        if (_mode is CopterMode.Auto or CopterMode.Rtl or CopterMode.Land)
        {
            StatusText(MavSeverity.Critical, $"Arm: Mode {CopterModes.Name(_mode)} not armable");
            return MavResult.Failed;
        }
        _armed = true;
        _idleArmedSeconds = 0;
        _landed = MavLandedState.OnGround;
        StatusText(MavSeverity.Info, "Arming motors");
        return MavResult.Accepted;
    }

    private MavResult RequestDisarm(bool force)
    {
        if (!_armed)
        {
            return MavResult.Accepted;
        }
        if (IsFlying && !force)
        {
            StatusText(MavSeverity.Warning, "Disarm refused: vehicle is flying");
            return MavResult.Failed;
        }
        if (IsFlying)
        {
            // A forced disarm in the air: the motors stop and the vehicle falls.
            _landed = MavLandedState.OnGround;
            _altitude = 0;
        }
        Disarm("Disarming motors");
        return MavResult.Accepted;
    }

    private void Disarm(string text)
    {
        _armed = false;
        _landed = MavLandedState.OnGround;
        _guidedGoal = null;
        _activeGoal = null;
        _paused = false;
        StatusText(MavSeverity.Info, text);
    }

    private MavResult Takeoff(double altitude)
    {
        if (!_armed)
        {
            StatusText(MavSeverity.Warning, "Takeoff refused: motors not armed");
            return MavResult.Failed;
        }
        if (IsFlying)
        {
            StatusText(MavSeverity.Warning, "Takeoff refused: already flying");
            return MavResult.Failed;
        }
        if (_mode is not (CopterMode.Guided or CopterMode.Loiter or CopterMode.PosHold or CopterMode.AltHold))
        {
            StatusText(MavSeverity.Warning, $"Takeoff refused: {CopterModes.Name(_mode)} has no takeoff, use GUIDED");
            return MavResult.Failed;
        }
        if (!double.IsFinite(altitude) || altitude <= 0)
        {
            var pilotAltitude = _parameters.Get("PILOT_TKOFF_ALT") / 100.0;
            if (pilotAltitude <= 0)
            {
                StatusText(MavSeverity.Warning, "Takeoff refused: altitude must be above 0 m");
                return MavResult.Failed;
            }
            altitude = pilotAltitude;
        }
        BeginTakeoff(altitude);
        return MavResult.Accepted;
    }

    private void BeginTakeoff(double altitude)
    {
        _landed = MavLandedState.Takeoff;
        _holdPoint = _position;
        _holdAltitude = altitude;
        _guidedGoal = new NavGoal(_position, altitude);
        _idleArmedSeconds = 0;
    }

    private MavResult Reposition(in CommandRequest command)
    {
        // param2 bit 0 is MAV_DO_REPOSITION_FLAGS_CHANGE_MODE: switch to GUIDED first.
        if (_mode != CopterMode.Guided)
        {
            if (((int)command.Param2 & 1) == 0)
            {
                StatusText(MavSeverity.Warning, $"Goto refused: not in GUIDED ({CopterModes.Name(_mode)})");
                return MavResult.Denied;
            }
            var changed = SetMode(CopterMode.Guided);
            if (changed != MavResult.Accepted)
            {
                return changed;
            }
        }
        if (!_armed || !IsFlying)
        {
            StatusText(MavSeverity.Warning, "Goto refused: take off first");
            return MavResult.Failed;
        }
        var point = double.IsFinite(command.Latitude) && double.IsFinite(command.Longitude) && (command.Latitude != 0 || command.Longitude != 0)
            ? new GeoPoint(command.Latitude, command.Longitude)
            : _position;
        if (!point.IsValid)
        {
            return MavResult.Denied;
        }
        var current = _guidedGoal?.Altitude ?? _altitude;
        var altitude = double.IsFinite(command.Altitude) ? ToRelativeAltitude(command.Frame, command.Altitude) : current;
        var speed = command.Param1 > 0 ? command.Param1 : (double?)null;
        _guidedGoal = new NavGoal(point, altitude, speed);
        _paused = false;
        return MavResult.Accepted;
    }

    private void HandlePositionTarget(in SetPositionTargetGlobalInt target)
    {
        const PositionTargetTypemask positionIgnored = PositionTargetTypemask.XIgnore | PositionTargetTypemask.YIgnore;
        if (_mode != CopterMode.Guided || !_armed || !IsFlying || (target.TypeMask & positionIgnored) != 0)
        {
            return;
        }
        var point = new GeoPoint(target.LatInt / 1e7, target.LonInt / 1e7);
        if (!point.IsValid)
        {
            return;
        }
        var altitude = (target.TypeMask & PositionTargetTypemask.ZIgnore) != 0
            ? _guidedGoal?.Altitude ?? _altitude
            : ToRelativeAltitude(target.CoordinateFrame, target.Alt);
        _guidedGoal = new NavGoal(point, altitude);
    }

    private MavResult SetHome(in CommandRequest command)
    {
        if (command.Param1 >= 0.5f)
        {
            _home = _position;
            _homeAmsl += _altitude;
            _altitude = 0;
            return MavResult.Accepted;
        }
        var point = new GeoPoint(command.Latitude, command.Longitude);
        if (!point.IsValid || (command.Latitude == 0 && command.Longitude == 0))
        {
            return MavResult.Denied;
        }
        var amsl = _homeAmsl + _altitude;
        _home = point;
        if (double.IsFinite(command.Altitude))
        {
            _homeAmsl = command.Altitude;
        }
        _altitude = amsl - _homeAmsl;
        return MavResult.Accepted;
    }

    /// <summary>Changes flight mode as ArduCopter would, refusing what it refuses (with a STATUSTEXT saying why).</summary>
    private MavResult SetMode(CopterMode mode)
    {
        if (!CopterModes.IsSupported(mode))
        {
            StatusText(MavSeverity.Warning, $"Mode change to {CopterModes.Name(mode)} failed: not supported");
            return MavResult.Failed;
        }
        if (mode == _mode)
        {
            return MavResult.Accepted;
        }
        if (RequiresPosition(mode) && !HasGpsFix)
        {
            StatusText(MavSeverity.Warning, $"Mode change to {CopterModes.Name(mode)} failed: requires position");
            return MavResult.Failed;
        }
        if (mode == CopterMode.Auto)
        {
            if (_mission.Count == 0)
            {
                StatusText(MavSeverity.Warning, "Mode change to AUTO failed: no mission");
                return MavResult.Failed;
            }
            if (_armed && !IsFlying && !MissionStartsWithTakeoff(_missionSeq))
            {
                StatusText(MavSeverity.Warning, "Auto: Missing Takeoff Cmd");
                return MavResult.Failed;
            }
        }

        _mode = mode;
        _paused = false;
        switch (mode)
        {
            case CopterMode.Guided:
                _guidedGoal = _landed == MavLandedState.Takeoff ? _guidedGoal : null;
                CaptureHold();
                break;
            case CopterMode.Rtl:
                StartRtl();
                break;
            case CopterMode.Auto:
                BeginMission(Math.Max(1, _missionSeq));
                break;
            case CopterMode.Land:
                CaptureHold();
                if (_armed && !IsFlying)
                {
                    Disarm("Disarming motors");
                }
                break;
            default:
                if (_landed != MavLandedState.Takeoff)
                {
                    CaptureHold();
                }
                break;
        }
        return MavResult.Accepted;
    }

    private static bool RequiresPosition(CopterMode mode) => mode is not (CopterMode.Stabilize or CopterMode.AltHold or CopterMode.Acro);

    private double ToRelativeAltitude(MavFrame frame, double altitude) => frame switch
    {
        MavFrame.Global or MavFrame.GlobalInt => altitude - _homeAmsl,
        _ => altitude,
    };

    private void HandleTimesync(in Timesync request)
    {
        // https://mavlink.io/en/services/timesync.html: answer a request (tc1 == 0) with our time in tc1.
        if (request.Tc1 != 0 || (request.TargetSystem != 0 && request.TargetSystem != SystemId))
        {
            return;
        }
        Send(new Timesync { Tc1 = (long)(_sinceBoot.Ticks * 100), Ts1 = request.Ts1, TargetSystem = _gcsSystemId, TargetComponent = _gcsComponentId });
    }

    /// <summary>COMMAND_LONG and COMMAND_INT in one shape: positions in degrees, altitude in metres in <see cref="Frame"/>.</summary>
    private readonly record struct CommandRequest(
        MavCmd Command,
        float Param1,
        float Param2,
        float Param3,
        float Param4,
        double Latitude,
        double Longitude,
        double Altitude,
        MavFrame Frame)
    {
        public static CommandRequest From(in CommandLong command) =>
            // COMMAND_LONG carries positions as float degrees and names no frame; ArduPilot reads altitudes relative to home.
            new(command.Command, command.Param1, command.Param2, command.Param3, command.Param4, command.Param5, command.Param6, command.Param7, MavFrame.GlobalRelativeAlt);

        public static CommandRequest From(in CommandInt command) =>
            new(command.Command, command.Param1, command.Param2, command.Param3, command.Param4, command.X / 1e7, command.Y / 1e7, command.Z, command.Frame);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Command} {Param1} {Param2}");
    }
}
