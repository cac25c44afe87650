using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Benchmarks.Mavlink;

/// <summary>
/// Parse + decode throughput on a mixed telemetry capture of 100,000 MAVLink 2 frames (about 36 bytes each):
/// RafeCast's parser on the whole capture, in UDP-sized chunks and one byte at a time, against node-mavlink on
/// the same bytes in the same run (the baseline). Every frame is decoded into its typed message.
/// Run: <c>tools/bench.sh micro --filter '*MavlinkParser*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class MavlinkParserBenchmarks
{
    public const int FrameCount = 100_000;

    private byte[] _capture = [];
    private string _capturePath = string.Empty;
    private NodeMavlinkBaseline? _node;
    private readonly MavlinkParser _parser = new();

    // Average frame size of the capture, for the MB/s column (computed where the column is shown: the host
    // process, which does not run GlobalSetup).
    private static readonly Lazy<double> BytesPerFrame = new(() => (double)BuildCapture().Length / FrameCount);

    [GlobalSetup]
    public void Setup()
    {
        _capture = BuildCapture();
        Console.WriteLine($"// capture: {FrameCount} frames, {_capture.Length} bytes, {BytesPerFrame.Value:F1} bytes per frame");
        _capturePath = Path.Combine(Path.GetTempPath(), $"rafecast-mavlink-bench-{Environment.ProcessId}.bin");
        File.WriteAllBytes(_capturePath, _capture);
        _node = new NodeMavlinkBaseline(_capturePath);
        var found = _node.Run();
        if (found != FrameCount || ParseWhole() != FrameCount)
        {
            throw new InvalidOperationException($"The capture holds {FrameCount} frames; node-mavlink found {found}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _node?.Dispose();
        File.Delete(_capturePath);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = FrameCount, Description = "node-mavlink 2.3.0")]
    public int NodeMavlink() => _node!.Run();

    [Benchmark(OperationsPerInvoke = FrameCount, Description = "RafeCast, whole capture")]
    public int RafeCastWhole() => ParseWhole();

    [Benchmark(OperationsPerInvoke = FrameCount, Description = "RafeCast, 1472-byte chunks")]
    public int RafeCastChunked() => ParseChunked(1472);

    [Benchmark(OperationsPerInvoke = FrameCount, Description = "RafeCast, byte at a time")]
    public int RafeCastByteAtATime() => ParseChunked(1);

    private int ParseWhole()
    {
        ReadOnlySpan<byte> input = _capture;
        var decoder = default(Decoder);
        while (_parser.TryRead(ref input, out var frame))
        {
            decoder.Decode(frame);
        }
        return decoder.Frames;
    }

    private int ParseChunked(int chunk)
    {
        var decoder = default(Decoder);
        for (var offset = 0; offset < _capture.Length; offset += chunk)
        {
            ReadOnlySpan<byte> input = _capture.AsSpan(offset, Math.Min(chunk, _capture.Length - offset));
            while (_parser.TryRead(ref input, out var frame))
            {
                decoder.Decode(frame);
            }
        }
        return decoder.Frames;
    }

    /// <summary>Decodes each frame into its typed message, as a consumer of telemetry does.</summary>
    private struct Decoder
    {
        public int Frames;
        public long Checksum;

        public void Decode(in MavlinkFrame frame)
        {
            Frames++;
            var payload = frame.Payload;
            switch (frame.MessageId)
            {
                case 33:
                    Checksum += GlobalPositionInt.Deserialize(payload).Lat;
                    break;
                case 30:
                    Checksum += (long)Attitude.Deserialize(payload).Yaw;
                    break;
                case 74:
                    Checksum += VfrHud.Deserialize(payload).Heading;
                    break;
                case 0:
                    Checksum += Heartbeat.Deserialize(payload).CustomMode;
                    break;
                case 1:
                    Checksum += SysStatus.Deserialize(payload).VoltageBattery;
                    break;
                case 2:
                    Checksum += SystemTime.Deserialize(payload).TimeBootMs;
                    break;
            }
        }
    }

    /// <summary>
    /// A telemetry stream like a copter's at its usual rates: positions and attitudes most, HUD, heartbeat,
    /// status and time less; values vary frame to frame. 100,000 frames, about 36 bytes each.
    /// </summary>
    public static byte[] BuildCapture()
    {
        var writer = new MavlinkFrameWriter(1, 1);
        var buffer = new byte[MavlinkProtocol.MaxFrameLength];
        using var output = new MemoryStream();
        var random = new Random(42);
        for (var i = 0; i < FrameCount; i++)
        {
            var time = (uint)(i * 10);
            var length = (i % 10) switch
            {
                0 or 1 or 2 => writer.Write(new GlobalPositionInt { TimeBootMs = time, Lat = 515_000_000 + random.Next(100_000), Lon = -1_250_000 + random.Next(100_000), Alt = 120_000 + random.Next(1000), RelativeAlt = 50_000 + random.Next(1000), Vx = (short)random.Next(-500, 500), Vy = (short)random.Next(-500, 500), Vz = (short)random.Next(-50, 50), Hdg = (ushort)random.Next(36_000) }, buffer),
                3 or 4 or 5 => writer.Write(new Attitude { TimeBootMs = time, Roll = random.NextSingle() - 0.5f, Pitch = random.NextSingle() - 0.5f, Yaw = random.NextSingle() * 6, Rollspeed = random.NextSingle(), Pitchspeed = random.NextSingle(), Yawspeed = random.NextSingle() }, buffer),
                6 => writer.Write(new VfrHud { Airspeed = 10 + random.NextSingle(), Groundspeed = 9 + random.NextSingle(), Heading = (short)random.Next(360), Throttle = (ushort)random.Next(100), Alt = 120 + random.NextSingle(), Climb = random.NextSingle() - 0.5f }, buffer),
                7 => writer.Write(new Heartbeat { Type = MavType.Quadrotor, Autopilot = MavAutopilot.Ardupilotmega, BaseMode = MavModeFlag.CustomModeEnabled | MavModeFlag.SafetyArmed, CustomMode = 4, SystemStatus = MavState.Active }, buffer),
                8 => writer.Write(new SysStatus { Load = (ushort)random.Next(1000), VoltageBattery = (ushort)(15_000 + random.Next(1000)), CurrentBattery = (short)random.Next(3000), BatteryRemaining = (sbyte)random.Next(100), OnboardControlSensorsPresent = MavSysStatusSensor.Sensor3dGyro | MavSysStatusSensor.Gps }, buffer),
                _ => writer.Write(new SystemTime { TimeUnixUsec = 1_772_000_000_000_000UL + ((ulong)i * 10_000), TimeBootMs = time }, buffer),
            };
            output.Write(buffer, 0, length);
        }
        return output.ToArray();
    }

    /// <summary>Adds frames/s and MB/s columns computed from the mean time per frame.</summary>
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig()
        {
            AddColumn(new ThroughputColumn("Frames/s", perFrameNs => 1e9 / perFrameNs, "N0"));
            AddColumn(new ThroughputColumn("MB/s", perFrameNs => BytesPerFrame.Value * 1e9 / perFrameNs / 1e6, "N0"));
        }
    }

    private sealed class ThroughputColumn(string name, Func<double, double> compute, string format) : IColumn
    {
        public string Id => "RafeCast." + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => name == "MB/s" ? "Decoded megabytes (10^6) per second" : "Frames parsed and decoded per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            var mean = report?.ResultStatistics?.Mean;
            return mean is > 0 ? compute(mean.Value).ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "-";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
