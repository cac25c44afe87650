using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Mavlink.Tests;

/// <summary>Builds frames and streams of frames for tests.</summary>
internal static class TestFrames
{
    public static GlobalPositionInt Position(uint timeBootMs = 1000, int lat = 515_000_000, int lon = -1_250_000) => new()
    {
        TimeBootMs = timeBootMs,
        Lat = lat,
        Lon = lon,
        Alt = 120_500,
        RelativeAlt = 50_250,
        Vx = 150,
        Vy = -200,
        Vz = 10,
        Hdg = 27_000,
    };

    public static Heartbeat Heartbeat() => new()
    {
        Type = MavType.Quadrotor,
        Autopilot = MavAutopilot.Ardupilotmega,
        BaseMode = MavModeFlag.CustomModeEnabled | MavModeFlag.SafetyArmed,
        CustomMode = 4,
        SystemStatus = MavState.Active,
    };

    public static RafeCast.Mavlink.Messages.Attitude Attitude(uint timeBootMs = 1000) => new()
    {
        TimeBootMs = timeBootMs,
        Roll = 0.1f,
        Pitch = -0.2f,
        Yaw = 1.5f,
        Rollspeed = 0.01f,
        Pitchspeed = 0.02f,
        Yawspeed = 0.03f,
    };

    /// <summary>A mixed telemetry stream of <paramref name="count"/> frames from one writer, concatenated.</summary>
    public static byte[] Stream(int count, MavlinkFrameWriter? writer = null)
    {
        writer ??= new MavlinkFrameWriter(1, 1);
        using var output = new MemoryStream();
        Span<byte> buffer = stackalloc byte[MavlinkProtocol.MaxFrameLength];
        for (var i = 0; i < count; i++)
        {
            var length = (i % 4) switch
            {
                0 => writer.Write(Heartbeat(), buffer),
                1 => writer.Write(Position((uint)i), buffer),
                2 => writer.Write(Attitude((uint)i), buffer),
                _ => writer.Write(new VfrHud { Airspeed = 10, Groundspeed = 9.5f, Heading = 270, Throttle = 55, Alt = 120.5f, Climb = 0.5f }, buffer),
            };
            output.Write(buffer[..length]);
        }
        return output.ToArray();
    }

    /// <summary>Every frame the parser finds in <paramref name="chunks"/>, copied.</summary>
    public static List<byte[]> ParseAll(MavlinkParser parser, params byte[][] chunks)
    {
        var frames = new List<byte[]>();
        foreach (var chunk in chunks)
        {
            ReadOnlySpan<byte> input = chunk;
            while (parser.TryRead(ref input, out var frame))
            {
                frames.Add(frame.ToArray());
            }
        }
        return frames;
    }

    /// <summary>The frames of <paramref name="stream"/> as the parser sees them when fed in one piece.</summary>
    public static List<byte[]> Split(byte[] stream) => ParseAll(new MavlinkParser(), stream);
}
