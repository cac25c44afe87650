using RafeCast.Core.Geodesy;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using MavAttitude = RafeCast.Mavlink.Messages.Attitude;

namespace RafeCast.Mavlink.Telemetry;

/// <summary>
/// Turns a stream of MAVLink frames into <see cref="TelemetrySample"/>s: one sample per GLOBAL_POSITION_INT,
/// completed with the vehicle's latest ATTITUDE and VFR_HUD. Sample times are the vehicle's clock mapped to
/// UTC through SYSTEM_TIME when the vehicle has sent one with a real date, else the arrival time.
/// Not thread-safe: feed it from one reader.
/// </summary>
public sealed class TelemetrySampleBuilder
{
    // SYSTEM_TIME values before this are a clock that has not been set (the vehicle has no GNSS time yet).
    private static readonly DateTimeOffset EarliestRealClock = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<VehicleId, VehicleState> _vehicles = [];

    /// <param name="source">What to put in <see cref="TelemetrySample.Source"/>: the link's connection string or the file path.</param>
    public TelemetrySampleBuilder(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
    }

    public string Source { get; }

    /// <summary>
    /// Takes in one frame; returns true with a sample when the frame was a GLOBAL_POSITION_INT.
    /// </summary>
    /// <param name="frame">Any received frame; those that do not matter are ignored.</param>
    /// <param name="receivedUtc">When the frame arrived (for a .tlog, its record time).</param>
    /// <param name="sample">The new sample.</param>
    public bool TryAdd(in MavlinkFrame frame, DateTimeOffset receivedUtc, out TelemetrySample sample)
    {
        sample = default;
        if (!frame.IsKnown)
        {
            return false;
        }
        var vehicle = frame.Source;
        switch (frame.MessageId)
        {
            case 30: // ATTITUDE
                Observe(vehicle, MavAttitude.Deserialize(frame.Payload));
                return false;
            case 74: // VFR_HUD
                Observe(vehicle, VfrHud.Deserialize(frame.Payload));
                return false;
            case 2: // SYSTEM_TIME
                Observe(vehicle, SystemTime.Deserialize(frame.Payload));
                return false;
            case 33: // GLOBAL_POSITION_INT
                sample = Build(vehicle, GlobalPositionInt.Deserialize(frame.Payload), receivedUtc);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Records a vehicle's attitude for the samples that follow.</summary>
    public void Observe(VehicleId vehicle, in MavAttitude attitude) =>
        State(vehicle).Attitude = new Core.Telemetry.Attitude(attitude.Roll, attitude.Pitch, attitude.Yaw);

    /// <summary>Records a vehicle's HUD figures (heading, ground speed) for the samples that follow.</summary>
    public void Observe(VehicleId vehicle, in VfrHud hud)
    {
        var state = State(vehicle);
        state.HudHeadingDegrees = ((hud.Heading % 360) + 360) % 360;
        state.HudGroundSpeed = float.IsFinite(hud.Groundspeed) ? hud.Groundspeed : null;
    }

    /// <summary>Records the vehicle's wall clock against its boot clock.</summary>
    public void Observe(VehicleId vehicle, in SystemTime time)
    {
        var latest = (ulong)(DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks / 10;
        if (time.TimeUnixUsec == 0 || time.TimeUnixUsec >= latest)
        {
            return;
        }
        var unix = DateTimeOffset.UnixEpoch.AddTicks((long)time.TimeUnixUsec * 10);
        if (unix < EarliestRealClock)
        {
            return;
        }
        State(vehicle).BootUtc = unix - TimeSpan.FromMilliseconds(time.TimeBootMs);
    }

    /// <summary>A sample from a decoded GLOBAL_POSITION_INT of <paramref name="vehicle"/>.</summary>
    public TelemetrySample Build(VehicleId vehicle, in GlobalPositionInt position, DateTimeOffset receivedUtc)
    {
        var state = State(vehicle);
        var time = state.BootUtc is { } boot && position.TimeBootMs > 0 ? boot + TimeSpan.FromMilliseconds(position.TimeBootMs) : receivedUtc;
        double? heading = position.Hdg != ushort.MaxValue ? position.Hdg / 100.0 : state.HudHeadingDegrees;
        double? speed = state.HudGroundSpeed ?? Math.Sqrt(((double)position.Vx * position.Vx) + ((double)position.Vy * position.Vy)) / 100.0;
        var geo = new GeoPosition(position.Lat / 1e7, position.Lon / 1e7, position.Alt / 1000.0, position.RelativeAlt / 1000.0);
        return new TelemetrySample(time, vehicle, geo, state.Attitude, heading, speed, Source);
    }

    private VehicleState State(VehicleId vehicle)
    {
        if (!_vehicles.TryGetValue(vehicle, out var state))
        {
            state = new VehicleState();
            _vehicles.Add(vehicle, state);
        }
        return state;
    }

    private sealed class VehicleState
    {
        public Core.Telemetry.Attitude? Attitude { get; set; }

        public double? HudHeadingDegrees { get; set; }

        public double? HudGroundSpeed { get; set; }

        public DateTimeOffset? BootUtc { get; set; }
    }
}
