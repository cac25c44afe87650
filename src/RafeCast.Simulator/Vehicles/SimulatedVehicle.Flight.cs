using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Physics;

namespace RafeCast.Simulator.Vehicles;

public sealed partial class SimulatedVehicle
{
    /// <summary>One step of flight: decide what the vehicle wants (by mode), then move it there within its limits.</summary>
    private void Fly(double dt)
    {
        if (!_armed)
        {
            _activeGoal = null;
            SettleOnGround(dt);
            return;
        }
        if (_landed == MavLandedState.OnGround && _mode == CopterMode.Auto && !_missionComplete)
        {
            // A mission that starts with a take-off lifts the vehicle off the ground.
            Navigate(dt);
        }
        if (_landed == MavLandedState.OnGround && !TakeoffRequested())
        {
            _activeGoal = null;
            SettleOnGround(dt);
            return;
        }
        _idleArmedSeconds = 0;

        var (goal, land, holdPosition) = Navigate(dt);
        _activeGoal = land ? null : goal;
        Move(goal, land, holdPosition, dt);
    }

    /// <summary>True when, on the ground and armed, the current mode wants to climb (a take-off is under way).</summary>
    private bool TakeoffRequested() => _landed == MavLandedState.Takeoff;

    private void SettleOnGround(double dt)
    {
        _vn = _ve = _vd = 0;
        _groundNorth = _groundEast = 0;
        _yawRate = 0;
        _altitude = 0;
        Relax(ref _roll, ref _rollRate, 0, dt);
        Relax(ref _pitch, ref _pitchRate, 0, dt);
        if (_armed)
        {
            // ArduCopter disarms by itself after DISARM_DELAY seconds armed on the ground.
            _idleArmedSeconds += dt;
            var delay = _parameters.Get("DISARM_DELAY");
            if (delay > 0 && _idleArmedSeconds >= delay)
            {
                Disarm("Disarming motors (auto disarm)");
            }
        }
    }

    /// <summary>The point and altitude to fly to now, whether to descend to land there, and whether position is held at all.</summary>
    private (NavGoal Goal, bool Land, bool HoldPosition) Navigate(double dt)
    {
        switch (_mode)
        {
            case CopterMode.Guided:
                return (_paused ? Hold() : _guidedGoal ?? Hold(), false, true);
            case CopterMode.Auto:
                return _paused ? (Hold(), false, true) : RunMission(dt);
            case CopterMode.Rtl:
                return RunRtl(dt);
            case CopterMode.Land:
                return (Hold(), true, true);
            case CopterMode.Stabilize:
            case CopterMode.AltHold:
                // No position control without a pilot: the vehicle drifts with the wind at a held height.
                return (new NavGoal(_position, _holdAltitude), false, false);
            default:
                return (Hold(), false, true);
        }
    }

    private NavGoal Hold() => new(_holdPoint, _holdAltitude);

    private void CaptureHold()
    {
        _holdPoint = _position;
        _holdAltitude = _landed == MavLandedState.Takeoff && _guidedGoal is { } g ? g.Altitude : _altitude;
    }

    private (NavGoal, bool, bool) RunRtl(double dt)
    {
        var rtlAltitude = _rtlAltitude;
        switch (_rtlPhase)
        {
            case RtlPhase.Climb:
                if (_altitude >= rtlAltitude - 0.5)
                {
                    _rtlPhase = RtlPhase.Return;
                }
                return (new NavGoal(_holdPoint, rtlAltitude), false, true);
            case RtlPhase.Return:
                var speed = _parameters.Get("RTL_SPEED") > 0 ? _parameters.Get("RTL_SPEED") / 100.0 : (double?)null;
                if (FlatEarth.Distance(_position, _home) <= WaypointRadius)
                {
                    _rtlPhase = RtlPhase.Loiter;
                    _rtlLoiterSeconds = 0;
                }
                return (new NavGoal(_home, rtlAltitude, speed), false, true);
            case RtlPhase.Loiter:
                _rtlLoiterSeconds += dt;
                if (_rtlLoiterSeconds * 1000 >= _parameters.Get("RTL_LOIT_TIME"))
                {
                    _rtlPhase = RtlPhase.Descend;
                }
                return (new NavGoal(_home, rtlAltitude), false, true);
            default:
                return (new NavGoal(_home, 0), true, true);
        }
    }

    private void StartRtl()
    {
        _rtlAltitude = Math.Max(_parameters.Get("RTL_ALT") / 100.0, _altitude);
        _rtlPhase = _landed == MavLandedState.OnGround ? RtlPhase.Descend : RtlPhase.Climb;
        _holdPoint = _position;
    }

    /// <summary>
    /// Moves the vehicle toward <paramref name="goal"/>: a speed profile that brakes at <c>WPNAV_ACCEL</c> into
    /// the target, climb and descent limits, heading into the direction of travel, and the wind pushing it.
    /// </summary>
    private void Move(NavGoal goal, bool land, bool holdPosition, double dt)
    {
        var (windNorth, windEast) = Wind();
        var accel = HorizontalAcceleration;

        // Horizontal: the speed that still stops at the target (v = sqrt(2 a d)), capped at cruise speed.
        double wantNorth = 0, wantEast = 0;
        var (toNorth, toEast) = FlatEarth.Between(_position, goal.Point);
        var distance = Math.Sqrt((toNorth * toNorth) + (toEast * toEast));
        if (holdPosition && distance > 0.01)
        {
            var speed = Math.Min(goal.Speed ?? CruiseSpeed, 0.9 * Math.Sqrt(2 * accel * distance));
            wantNorth = speed * toNorth / distance;
            wantEast = speed * toEast / distance;
        }
        var previousNorth = _vn;
        var previousEast = _ve;
        Slew(ref _vn, wantNorth, accel * dt);
        Slew(ref _ve, wantEast, accel * dt);

        // Vertical (down positive).
        double wantDown;
        if (land)
        {
            var high = _parameters.Get("LAND_SPEED_HIGH") > 0 ? _parameters.Get("LAND_SPEED_HIGH") / 100.0 : DescentSpeed;
            wantDown = _altitude > LandSpeedSwitchAltitude ? high : Math.Max(0.1, _parameters.Get("LAND_SPEED") / 100.0);
        }
        else
        {
            var error = goal.Altitude - _altitude;
            var rate = Math.Sqrt(2 * 2.5 * Math.Abs(error)) * 0.9;
            wantDown = error > 0 ? -Math.Min(ClimbSpeed, rate) : Math.Min(DescentSpeed, rate);
        }
        Slew(ref _vd, wantDown, 2.5 * dt);

        // The position controller rejects most of the wind; what it does not shows as drift. Without position
        // control (STABILIZE, ALT_HOLD) the vehicle moves with the air.
        var leak = holdPosition ? 0.1 : 1.0;
        _groundNorth = _vn + (windNorth * leak);
        _groundEast = _ve + (windEast * leak);
        _position = FlatEarth.Offset(_position, _groundNorth * dt, _groundEast * dt);
        _altitude -= _vd * dt;

        if (_landed == MavLandedState.Takeoff && _altitude >= goal.Altitude - 0.3)
        {
            _landed = MavLandedState.InAir;
        }
        if (_altitude <= 0 && _vd >= 0 && _landed != MavLandedState.Takeoff)
        {
            Touchdown();
            return;
        }
        if (land && _landed == MavLandedState.InAir)
        {
            _landed = MavLandedState.Landing;
        }
        _altitude = Math.Max(0, _altitude);

        UpdateHeading(wantNorth, wantEast, distance, dt);
        UpdateAttitude((_vn - previousNorth) / dt, (_ve - previousEast) / dt, _groundNorth - windNorth, _groundEast - windEast, dt);
    }

    private void Touchdown()
    {
        _altitude = 0;
        _vn = _ve = _vd = 0;
        _groundNorth = _groundEast = 0;
        var wasLanding = _landed == MavLandedState.Landing || _mode is CopterMode.Land or CopterMode.Rtl || (_mode == CopterMode.Auto && MissionWantsLanding);
        _landed = MavLandedState.OnGround;
        _idleArmedSeconds = 0;
        _holdPoint = _position;
        _holdAltitude = 0;
        _guidedGoal = null;
        if (wasLanding)
        {
            StatusText(MavSeverity.Info, "Land complete");
            Disarm("Disarming motors");
            OnLandedInMission();
        }
    }

    private void UpdateHeading(double wantNorth, double wantEast, double distance, double dt)
    {
        // WP_YAW_BEHAVIOR 2 (the default): face the direction of travel while moving to a point.
        var speed = Math.Sqrt((wantNorth * wantNorth) + (wantEast * wantEast));
        var previous = _yaw;
        if (_parameters.Get("WP_YAW_BEHAVIOR") != 0 && speed > 0.5 && distance > WaypointRadius)
        {
            var desired = Math.Atan2(wantEast, wantNorth);
            var error = FlatEarth.WrapPi(desired - _yaw);
            var step = Math.Clamp(error, -MaxYawRateRadians * dt, MaxYawRateRadians * dt);
            _yaw = FlatEarth.WrapPi(_yaw + step);
        }
        _yawRate = dt > 0 ? FlatEarth.WrapPi(_yaw - previous) / dt : 0;
    }

    /// <summary>
    /// Tilt that produces the commanded acceleration plus the drag of the air the vehicle moves through: pitch
    /// forward and roll sideways in the body frame, limited by ANGLE_MAX, smoothed as the attitude loop would.
    /// </summary>
    private void UpdateAttitude(double accelNorth, double accelEast, double airNorth, double airEast, double dt)
    {
        const double drag = 0.12;
        var forceNorth = accelNorth + (drag * airNorth * Math.Abs(airNorth) / 3);
        var forceEast = accelEast + (drag * airEast * Math.Abs(airEast) / 3);
        var forward = (forceNorth * Math.Cos(_yaw)) + (forceEast * Math.Sin(_yaw));
        var right = (-forceNorth * Math.Sin(_yaw)) + (forceEast * Math.Cos(_yaw));
        var limit = Math.Max(5, _parameters.Get("ANGLE_MAX") / 100.0) * Math.PI / 180;
        var pitch = Math.Clamp(-Math.Atan(forward / Gravity), -limit, limit);
        var roll = Math.Clamp(Math.Atan(right / Gravity), -limit, limit);
        Relax(ref _pitch, ref _pitchRate, pitch, dt);
        Relax(ref _roll, ref _rollRate, roll, dt);
    }

    private static void Relax(ref double angle, ref double rate, double target, double dt)
    {
        var next = angle + ((target - angle) * Math.Min(1, dt / 0.25));
        rate = dt > 0 ? (next - angle) / dt : 0;
        angle = next;
    }

    private static void Slew(ref double value, double target, double maxStep)
    {
        value += Math.Clamp(target - value, -maxStep, maxStep);
    }

    /// <summary>
    /// A 4S LiPo: current from what the motors do (idle, hover, climb, speed), voltage from the charge left
    /// and the sag under load, warnings at BATT_LOW_MAH and BATT_CRT_MAH remaining.
    /// </summary>
    private void UpdateBattery(double dt)
    {
        double current;
        if (!_armed)
        {
            current = 0.4;
        }
        else if (_landed == MavLandedState.OnGround)
        {
            current = 2.5;
        }
        else
        {
            var speed = Math.Sqrt((_groundNorth * _groundNorth) + (_groundEast * _groundEast));
            var climb = Math.Max(0, -_vd);
            var tilt = Math.Abs(_roll) + Math.Abs(_pitch);
            current = 15.0 + (4.0 * climb) + (0.08 * speed * speed) + (10 * tilt);
        }
        _current = current;
        _consumedMah += current * dt / 3.6;
        var capacity = Math.Max(1, _parameters.Get("BATT_CAPACITY"));
        var charge = Math.Clamp(1 - (_consumedMah / capacity), 0, 1);
        _voltage = Math.Max(12.0, (4 * (3.5 + (0.7 * charge))) - (0.015 * current));

        var left = capacity - _consumedMah;
        if (_batteryWarning < 1 && left <= _parameters.Get("BATT_LOW_MAH"))
        {
            _batteryWarning = 1;
            StatusText(MavSeverity.Warning, FormattableString.Invariant($"Battery 1 is low {_voltage:F2}V used {_consumedMah:F0} mAh"));
        }
        if (_batteryWarning < 2 && left <= _parameters.Get("BATT_CRT_MAH"))
        {
            _batteryWarning = 2;
            StatusText(MavSeverity.Critical, FormattableString.Invariant($"Battery 1 is critical {_voltage:F2}V used {_consumedMah:F0} mAh"));
        }
    }
}
