using RafeCast.Core.Geodesy;
using RafeCast.Geo.Geodesy;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Tlog;

namespace RafeCast.Cli.Tests;

/// <summary>
/// Writes real .tlog files with the MAVLink encoder: a vehicle flying a straight line at constant speed,
/// its clock announced by SYSTEM_TIME, positions as GLOBAL_POSITION_INT at 4 Hz, heading and speed in VFR_HUD.
/// </summary>
internal static class TagTestFlight
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);

    /// <summary>The demo city's west-east pass: north of SITL's home by 100 m, from 1000 m west to 1300 m east.</summary>
    public static readonly GeoPoint WestEastFrom = new(-35.362360, 149.154227);
    public static readonly GeoPoint WestEastTo = new(-35.362360, 149.179534);

    public static string DemoDomes => Geo.SampleRegistries.DemoCityPath;

    /// <summary>
    /// Flies <paramref name="from"/> → <paramref name="to"/> at <paramref name="speed"/> m/s and
    /// <paramref name="altitude"/> m above home, sampled every 250 ms; samples for which
    /// <paramref name="keep"/> (seconds since start) is false are not written (a telemetry gap).
    /// </summary>
    public static async Task<double> WriteAsync(string path, GeoPoint from, GeoPoint to, double speed = 15, double altitude = 30,
        Func<double, bool>? keep = null, byte systemId = 1, DateTimeOffset? start = null)
    {
        var t0 = start ?? Start;
        var projection = new LocalProjection(from);
        var (east, north) = projection.Project(to);
        var length = Math.Sqrt((east * east) + (north * north));
        var duration = length / speed;
        var heading = (Math.Atan2(east, north) * 180 / Math.PI + 360) % 360;
        var writer = new MavlinkFrameWriter(systemId, 1);
        var buffer = new byte[MavlinkProtocol.MaxFrameLength];
        const uint bootMsAtStart = 120_000;
        await using var tlog = TlogWriter.Create(path);
        var clock = new SystemTime { TimeUnixUsec = (ulong)((t0 - DateTimeOffset.UnixEpoch).Ticks / 10), TimeBootMs = bootMsAtStart };
        await tlog.WriteAsync(t0, buffer.AsMemory(0, writer.Write(clock, buffer)), CancellationToken.None);
        for (var t = 0.0; t <= duration; t += 0.25)
        {
            if (keep is not null && !keep(t))
            {
                continue;
            }
            var fraction = t / duration;
            var point = projection.Unproject(east * fraction, north * fraction);
            var time = t0.AddSeconds(t);
            var hud = new VfrHud { Airspeed = (float)speed, Groundspeed = (float)speed, Heading = (short)Math.Round(heading), Throttle = 50, Alt = (float)(580 + altitude), Climb = 0 };
            await tlog.WriteAsync(time, buffer.AsMemory(0, writer.Write(hud, buffer)), CancellationToken.None);
            var position = new GlobalPositionInt
            {
                TimeBootMs = bootMsAtStart + (uint)Math.Round(t * 1000),
                Lat = (int)Math.Round(point.Latitude * 1e7),
                Lon = (int)Math.Round(point.Longitude * 1e7),
                Alt = (int)Math.Round((580 + altitude) * 1000),
                RelativeAlt = (int)Math.Round(altitude * 1000),
                Vx = 0,
                Vy = (short)Math.Round(speed * 100),
                Vz = 0,
                Hdg = (ushort)Math.Round(heading * 100),
            };
            await tlog.WriteAsync(time, buffer.AsMemory(0, writer.Write(position, buffer)), CancellationToken.None);
        }
        return duration;
    }
}
