using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Simulator.Physics;
using RafeCast.Simulator.Plans;

namespace RafeCast.Simulator.Vehicles;

/// <summary>
/// The mission microservice, vehicle side (https://mavlink.io/en/services/mission.html), as ArduPilot runs it:
/// sequence 0 is home (sent on download, ignored on upload), the vehicle drives uploads by requesting each
/// item with MISSION_REQUEST_INT and re-requests after 1.5 s up to 5 times; and the mission flown in AUTO.
/// </summary>
public sealed partial class SimulatedVehicle
{
    private static readonly TimeSpan MissionRetryInterval = TimeSpan.FromSeconds(1.5);
    private const int MissionRetries = 5;

    private List<MissionItem> _mission = [];
    private int _missionSeq;
    private bool _missionComplete;
    private bool _itemStarted;
    private bool _itemArrived;
    private double _itemHoldSeconds;
    private NavGoal _itemGoal;
    private readonly Dictionary<int, int> _jumpsLeft = [];
    private Upload? _upload;
    private AutoStartStage _autoStart;
    private readonly Queue<int> _parameterQueue = new();

    private bool MissionWantsLanding =>
        _missionSeq >= 1 && _missionSeq <= _mission.Count && _mission[_missionSeq - 1].Command is MavCmd.NavLand or MavCmd.NavReturnToLaunch;

    private void HandleMissionOrParameter(in MavlinkFrame frame)
    {
        switch (frame.MessageId)
        {
            case 44:
                {
                    var count = MissionCount.Deserialize(frame.Payload);
                    if (IsForMe(count.TargetSystem, count.TargetComponent))
                    {
                        BeginUpload(count, frame.SystemId, frame.ComponentId);
                    }
                    return;
                }
            case 73:
                {
                    var item = MissionItemInt.Deserialize(frame.Payload);
                    if (IsForMe(item.TargetSystem, item.TargetComponent))
                    {
                        ReceiveItem(item, frame.SystemId, frame.ComponentId);
                    }
                    return;
                }
            case 43:
                {
                    var request = MissionRequestList.Deserialize(frame.Payload);
                    if (IsForMe(request.TargetSystem, request.TargetComponent))
                    {
                        SendMissionCount(request.MissionType, frame.SystemId, frame.ComponentId);
                    }
                    return;
                }
            case 51:
                {
                    var request = MissionRequestInt.Deserialize(frame.Payload);
                    if (IsForMe(request.TargetSystem, request.TargetComponent))
                    {
                        SendMissionItem(request.Seq, request.MissionType, frame.SystemId, frame.ComponentId);
                    }
                    return;
                }
            case 45:
                {
                    var clear = MissionClearAll.Deserialize(frame.Payload);
                    if (IsForMe(clear.TargetSystem, clear.TargetComponent))
                    {
                        if (clear.MissionType is MavMissionType.Mission or MavMissionType.All)
                        {
                            ReplaceMission([]);
                        }
                        SendMissionAck(MavMissionResult.Accepted, clear.MissionType, frame.SystemId, frame.ComponentId);
                    }
                    return;
                }
            case 41:
                {
                    var set = MissionSetCurrent.Deserialize(frame.Payload);
                    if (IsForMe(set.TargetSystem, set.TargetComponent) && set.Seq >= 1 && set.Seq <= _mission.Count)
                    {
                        BeginMission(set.Seq);
                    }
                    return;
                }
            case 21:
                {
                    var list = ParamRequestList.Deserialize(frame.Payload);
                    if (IsForMe(list.TargetSystem, list.TargetComponent))
                    {
                        _parameterQueue.Clear();
                        for (var i = 0; i < _parameters.Count; i++)
                        {
                            _parameterQueue.Enqueue(i);
                        }
                    }
                    return;
                }
            case 20:
                {
                    var read = ParamRequestRead.Deserialize(frame.Payload);
                    if (IsForMe(read.TargetSystem, read.TargetComponent))
                    {
                        if (read.ParamIndex >= 0 && read.ParamIndex < _parameters.Count)
                        {
                            SendParameter(read.ParamIndex);
                        }
                        else if (read.ParamIndex < 0 && _parameters.TryFind(read.GetParamId(), out var index))
                        {
                            SendParameter(index);
                        }
                    }
                    return;
                }
            case 23:
                {
                    var set = ParamSet.Deserialize(frame.Payload);
                    if (IsForMe(set.TargetSystem, set.TargetComponent))
                    {
                        // An unknown name gets no answer, as on ArduPilot: the ground station times out.
                        var name = set.GetParamId();
                        if (_parameters.TryFind(name, out _))
                        {
                            SendParameter(_parameters.Set(name, set.ParamValue));
                        }
                    }
                    return;
                }
            default:
                return;
        }
    }

    private void SendParameter(int index)
    {
        var entry = _parameters[index];
        var value = new ParamValue
        {
            ParamValueValue = entry.Value,
            ParamType = entry.Type,
            ParamCount = (ushort)_parameters.Count,
            ParamIndex = (ushort)index,
        };
        value.SetParamId(entry.Name);
        Send(value);
    }

    private void SendParameterBatch()
    {
        // PARAM_REQUEST_LIST answers are paced (ArduPilot sends them as link bandwidth allows).
        for (var i = 0; i < 8 && _parameterQueue.Count > 0; i++)
        {
            SendParameter(_parameterQueue.Dequeue());
        }
    }

    private void BeginUpload(in MissionCount count, byte fromSystem, byte fromComponent)
    {
        if (count.MissionType != MavMissionType.Mission)
        {
            SendMissionAck(MavMissionResult.Unsupported, count.MissionType, fromSystem, fromComponent);
            return;
        }
        if (count.Count == 0)
        {
            _upload = null;
            ReplaceMission([]);
            SendMissionAck(MavMissionResult.Accepted, MavMissionType.Mission, fromSystem, fromComponent);
            return;
        }
        if (count.Count > 700)
        {
            SendMissionAck(MavMissionResult.NoSpace, MavMissionType.Mission, fromSystem, fromComponent);
            return;
        }
        _upload = new Upload(count.Count, fromSystem, fromComponent);
        RequestNextItem();
    }

    private void RequestNextItem()
    {
        var upload = _upload!;
        upload.LastRequest = _sinceBoot;
        Send(new MissionRequestInt
        {
            TargetSystem = upload.System,
            TargetComponent = upload.Component,
            Seq = (ushort)upload.Items.Count,
            MissionType = MavMissionType.Mission,
        });
    }

    private void ReceiveItem(in MissionItemInt item, byte fromSystem, byte fromComponent)
    {
        var upload = _upload;
        if (upload is null || upload.System != fromSystem || upload.Component != fromComponent || item.MissionType != MavMissionType.Mission)
        {
            return;
        }
        if (item.Seq != upload.Items.Count)
        {
            // Out of order (a duplicate after a retry): ask again for the one we need.
            RequestNextItem();
            return;
        }
        upload.Items.Add(new MissionItem(item.Command, item.Frame, item.Param1, item.Param2, item.Param3, item.Param4, item.X, item.Y, item.Z, item.Autocontinue != 0));
        upload.Retries = 0;
        if (upload.Items.Count < upload.Count)
        {
            RequestNextItem();
            return;
        }
        _upload = null;
        // Item 0 is home on ArduPilot: it does not move home.
        ReplaceMission(upload.Items.Skip(1).ToList());
        SendMissionAck(MavMissionResult.Accepted, MavMissionType.Mission, fromSystem, fromComponent);
    }

    private void RunMissionProtocolTimers()
    {
        var upload = _upload;
        if (upload is null || _sinceBoot - upload.LastRequest < MissionRetryInterval)
        {
            return;
        }
        if (upload.Retries >= MissionRetries)
        {
            _upload = null;
            SendMissionAck(MavMissionResult.OperationCancelled, MavMissionType.Mission, upload.System, upload.Component);
            StatusText(MavSeverity.Warning, "Mission upload timed out");
            return;
        }
        upload.Retries++;
        RequestNextItem();
    }

    private void SendMissionCount(MavMissionType type, byte toSystem, byte toComponent)
    {
        if (_upload is not null)
        {
            SendMissionAck(MavMissionResult.Denied, type, toSystem, toComponent);
            return;
        }
        // ArduPilot has fence and rally stores too; the simulator's are always empty.
        var count = type == MavMissionType.Mission ? _mission.Count + 1 : 0;
        Send(new MissionCount { TargetSystem = toSystem, TargetComponent = toComponent, Count = (ushort)count, MissionType = type });
    }

    private void SendMissionItem(ushort seq, MavMissionType type, byte toSystem, byte toComponent)
    {
        if (type != MavMissionType.Mission || seq > _mission.Count)
        {
            SendMissionAck(MavMissionResult.InvalidSequence, type, toSystem, toComponent);
            return;
        }
        var item = seq == 0
            ? new MissionItem(MavCmd.NavWaypoint, MavFrame.Global, 0, 0, 0, 0, MissionItem.ToE7(_home.Latitude), MissionItem.ToE7(_home.Longitude), (float)_homeAmsl)
            : _mission[seq - 1];
        Send(new MissionItemInt
        {
            TargetSystem = toSystem,
            TargetComponent = toComponent,
            Seq = seq,
            Frame = item.Frame,
            Command = item.Command,
            Current = (byte)(seq == _missionSeq ? 1 : 0),
            Autocontinue = (byte)(item.Autocontinue ? 1 : 0),
            Param1 = item.Param1,
            Param2 = item.Param2,
            Param3 = item.Param3,
            Param4 = item.Param4,
            X = item.X,
            Y = item.Y,
            Z = item.Z,
            MissionType = MavMissionType.Mission,
        });
    }

    private void SendMissionAck(MavMissionResult result, MavMissionType type, byte toSystem, byte toComponent) =>
        Send(new MissionAck { TargetSystem = toSystem, TargetComponent = toComponent, Type = result, MissionType = type });

    private void ReplaceMission(IReadOnlyList<MissionItem> items)
    {
        _mission = [.. items];
        _jumpsLeft.Clear();
        _itemStarted = false;
        if (_mission.Count == 0)
        {
            _missionSeq = 0;
            _missionComplete = _mode == CopterMode.Auto;
            if (_missionComplete)
            {
                CaptureHold();
            }
        }
        else if (_missionSeq < 1 || _missionSeq > _mission.Count)
        {
            _missionSeq = 1;
        }
        SendMissionCurrent();
    }

    private MavResult StartMission(int first)
    {
        if (_mission.Count == 0)
        {
            StatusText(MavSeverity.Warning, "Mission start refused: no mission");
            return MavResult.Failed;
        }
        if (!_armed)
        {
            StatusText(MavSeverity.Warning, "Mission start refused: motors not armed");
            return MavResult.Failed;
        }
        var start = first >= 1 && first <= _mission.Count ? first : 1;
        if (!IsFlying && !MissionStartsWithTakeoff(start))
        {
            StatusText(MavSeverity.Warning, "Auto: Missing Takeoff Cmd");
            return MavResult.Failed;
        }
        if (_mode != CopterMode.Auto)
        {
            _missionSeq = start;
            var changed = SetMode(CopterMode.Auto);
            if (changed != MavResult.Accepted)
            {
                return changed;
            }
        }
        BeginMission(start);
        return MavResult.Accepted;
    }

    private bool MissionStartsWithTakeoff(int seq)
    {
        for (var i = Math.Max(1, seq); i <= _mission.Count; i++)
        {
            var item = _mission[i - 1];
            if (item.IsNavigation)
            {
                return item.Command == MavCmd.NavTakeoff;
            }
        }
        return false;
    }

    private void BeginMission(int seq)
    {
        _jumpsLeft.Clear();
        _missionComplete = false;
        SetCurrentItem(seq);
    }

    private void SetCurrentItem(int seq)
    {
        _missionSeq = seq;
        _itemStarted = false;
        _itemArrived = false;
        _itemHoldSeconds = 0;
        SendMissionCurrent();
    }

    private void NextItem() => SetCurrentItem(_missionSeq + 1);

    private void CompleteMission()
    {
        if (_missionComplete)
        {
            return;
        }
        _missionComplete = true;
        _missionSeq = Math.Clamp(_missionSeq, 0, _mission.Count);
        CaptureHold();
        StatusText(MavSeverity.Info, "Mission complete");
        SendMissionCurrent();
    }

    private void OnLandedInMission()
    {
        if (_mode == CopterMode.Auto && MissionWantsLanding)
        {
            CompleteMission();
        }
    }

    /// <summary>Flies the current item and moves through the mission: DO items run at once, NAV items until reached.</summary>
    private (NavGoal, bool, bool) RunMission(double dt)
    {
        // A bounded number of DO items per step: a DO_JUMP loop with nothing to fly cannot hang the simulator.
        for (var guard = 0; guard < 64; guard++)
        {
            if (_missionComplete || _missionSeq < 1 || _missionSeq > _mission.Count)
            {
                CompleteMission();
                return (Hold(), false, true);
            }
            var item = _mission[_missionSeq - 1];
            if (!item.IsNavigation)
            {
                RunDoItem(item);
                continue;
            }
            switch (item.Command)
            {
                case MavCmd.NavTakeoff:
                    {
                        var altitude = Math.Max(1, ToRelativeAltitude(item.Frame, item.Z));
                        if (!_itemStarted)
                        {
                            _itemStarted = true;
                            _itemGoal = new NavGoal(_position, Math.Max(altitude, _altitude));
                            if (_landed == MavLandedState.OnGround)
                            {
                                BeginTakeoff(altitude);
                            }
                        }
                        if (_landed != MavLandedState.Takeoff && _altitude >= _itemGoal.Altitude - 0.5)
                        {
                            Reached();
                            continue;
                        }
                        return (_itemGoal, false, true);
                    }
                case MavCmd.NavLand:
                    {
                        if (!_itemStarted)
                        {
                            _itemStarted = true;
                            _itemGoal = new NavGoal(item.HasPosition ? new GeoPoint(item.Latitude, item.Longitude) : _position, _altitude);
                        }
                        var over = FlatEarth.Distance(_position, _itemGoal.Point) <= WaypointRadius;
                        return (_itemGoal, over, true);
                    }
                case MavCmd.NavReturnToLaunch:
                    if (!_itemStarted)
                    {
                        _itemStarted = true;
                        StartRtl();
                    }
                    return RunRtl(dt);
                case MavCmd.NavWaypoint:
                case MavCmd.NavLoiterUnlim:
                case MissionItem.NavLoiterTime:
                case (MavCmd)18: // LOITER_TURNS: flown as a hold for its time-less turns would never end; hold until the next command
                case (MavCmd)31: // LOITER_TO_ALT
                case (MavCmd)82: // SPLINE_WAYPOINT: flown straight
                    {
                        if (!_itemStarted)
                        {
                            _itemStarted = true;
                            var point = item.HasPosition ? new GeoPoint(item.Latitude, item.Longitude) : _position;
                            var altitude = item.Z == 0 && !item.HasPosition ? _altitude : ToRelativeAltitude(item.Frame, item.Z);
                            _itemGoal = new NavGoal(point, altitude);
                        }
                        if (!_itemArrived && FlatEarth.Distance(_position, _itemGoal.Point) <= WaypointRadius && Math.Abs(_altitude - _itemGoal.Altitude) <= 1)
                        {
                            _itemArrived = true;
                            _itemHoldSeconds = 0;
                        }
                        if (_itemArrived)
                        {
                            _itemHoldSeconds += dt;
                            var hold = item.Command switch
                            {
                                MavCmd.NavLoiterUnlim => double.PositiveInfinity,
                                MissionItem.NavLoiterTime => Math.Max(0, item.Param1),
                                (MavCmd)18 => double.PositiveInfinity,
                                MavCmd.NavWaypoint => Math.Max(0, item.Param1),
                                _ => 0,
                            };
                            if (_itemHoldSeconds >= hold)
                            {
                                Reached();
                                continue;
                            }
                        }
                        return (_itemGoal, false, true);
                    }
                default:
                    // A NAV command the simulator does not fly: skip it as an autopilot without it would.
                    NextItem();
                    continue;
            }
        }
        return (Hold(), false, true);
    }

    private void Reached()
    {
        Send(new MissionItemReached { Seq = (ushort)_missionSeq });
        StatusText(MavSeverity.Info, $"Reached command #{_missionSeq}");
        NextItem();
    }

    private void RunDoItem(MissionItem item)
    {
        switch (item.Command)
        {
            case MissionItem.DoJump:
                {
                    var target = (int)item.Param1;
                    var repeat = (int)item.Param2;
                    if (!_jumpsLeft.TryGetValue(_missionSeq, out var left))
                    {
                        left = repeat;
                    }
                    if (target >= 1 && target <= _mission.Count && (repeat < 0 || left > 0))
                    {
                        _jumpsLeft[_missionSeq] = repeat < 0 ? -1 : left - 1;
                        SetCurrentItem(target);
                        return;
                    }
                    break;
                }
            case MavCmd.DoChangeSpeed:
                _speedOverride = item.Param2 > 0 ? item.Param2 : null;
                break;
            default:
                break;
        }
        NextItem();
    }

    private void SendMissionCurrent()
    {
        var state = _mission.Count == 0 ? MissionState.NoMission
            : _mode != CopterMode.Auto ? MissionState.NotStarted
            : _missionComplete ? MissionState.Complete
            : _paused ? MissionState.Paused
            : MissionState.Active;
        Send(new MissionCurrent
        {
            Seq = (ushort)_missionSeq,
            Total = (ushort)(_mission.Count == 0 ? 0 : _mission.Count + 1),
            MissionState = state,
            MissionMode = (byte)(_mode == CopterMode.Auto ? 1 : 0),
        });
    }

    private void RunAutoStart()
    {
        switch (_autoStart)
        {
            case AutoStartStage.WaitForFix:
                // Try once a second, like a pilot would, until the checks pass.
                if (!HasGpsFix || _sinceBoot < TimeSpan.FromSeconds(1) || _mission.Count == 0 || (_autoStartTried is { } tried && _sinceBoot - tried < TimeSpan.FromSeconds(1)))
                {
                    return;
                }
                _autoStartTried = _sinceBoot;
                if (SetMode(CopterMode.Guided) != MavResult.Accepted || Arm(force: false) != MavResult.Accepted)
                {
                    return;
                }
                if (MissionStartsWithTakeoff(1))
                {
                    _missionSeq = 1;
                    _autoStart = SetMode(CopterMode.Auto) == MavResult.Accepted ? AutoStartStage.Done : AutoStartStage.WaitForFix;
                    return;
                }
                BeginTakeoff(FirstWaypointAltitude());
                _autoStart = AutoStartStage.Climb;
                return;
            case AutoStartStage.Climb:
                if (_landed == MavLandedState.InAir)
                {
                    _missionSeq = 1;
                    _autoStart = SetMode(CopterMode.Auto) == MavResult.Accepted ? AutoStartStage.Done : AutoStartStage.Climb;
                }
                return;
            default:
                return;
        }
    }

    private TimeSpan? _autoStartTried;

    private double FirstWaypointAltitude()
    {
        foreach (var item in _mission)
        {
            if (item.IsNavigation && item.HasPosition)
            {
                return Math.Max(5, ToRelativeAltitude(item.Frame, item.Z));
            }
        }
        return FlightPlan.DefaultAutoflyAltitude;
    }

    private sealed class Upload(int count, byte system, byte component)
    {
        public int Count { get; } = count;

        public byte System { get; } = system;

        public byte Component { get; } = component;

        public List<MissionItem> Items { get; } = new(count);

        public TimeSpan LastRequest { get; set; }

        public int Retries { get; set; }
    }

    private enum AutoStartStage
    {
        None,
        WaitForFix,
        Climb,
        Done,
    }
}
