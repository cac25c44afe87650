using System.Text.Json;
using RafeCast.Cli.Infrastructure;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;
using RafeCast.Mavlink.Tlog;
using RafeCast.Testing;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

public sealed class MavlinkCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    private static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 160;
        var exit = await RafeCastApp.Create(console).RunAsync(args, CancellationToken.None);
        return (exit, console.Output);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A flight: heartbeat, position, attitude, a STATUSTEXT, and one message our dialect does not know.</summary>
    private string WriteTlog(string name, MavlinkFrameWriter? writer = null, int positions = 3)
    {
        writer ??= new MavlinkFrameWriter(1, 1);
        var path = _directory.Combine(name);
        using var tlog = TlogWriter.Create(path);
        var time = Start;
        void Add(byte[] frame)
        {
            tlog.Write(time, frame);
            time = time.AddMilliseconds(100);
        }
        Add(writer.ToFrame(new Heartbeat { Type = MavType.Quadrotor, Autopilot = MavAutopilot.Ardupilotmega }));
        for (var i = 0; i < positions; i++)
        {
            Add(writer.ToFrame(new GlobalPositionInt { TimeBootMs = (uint)(1000 + i), Lat = 515_000_000 + i, Lon = -1_250_000, Alt = 100_000, Hdg = 9000 }));
        }
        var text = new Statustext { Severity = MavSeverity.Info };
        text.SetText("Ready to fly");
        Add(writer.ToFrame(text));
        var unknown = new byte[64];
        var length = MavlinkFrames.Write(unknown, MavlinkVersion.V2, 200, 1, 1, 50_001, 0x12, [0xCA, 0xFE]);
        Add(unknown[..length]);
        Add(writer.ToFrame(new Heartbeat { Type = MavType.Quadrotor, Autopilot = MavAutopilot.Ardupilotmega }));
        return path;
    }

    [Fact]
    public async Task Dump_TlogAsJson_PrintsOneContractObjectPerFrame()
    {
        var path = WriteTlog("flight.tlog");

        var (exit, output) = await Run("mavlink", "dump", path, "--json");

        Assert.Equal(ExitCodes.Success, exit);
        var lines = Lines(output);
        Assert.Equal(7, lines.Length);
        using var position = JsonDocument.Parse(lines[1]);
        var root = position.RootElement;
        Assert.Equal(["version", "seq", "sysid", "compid", "msgid", "name", "signed", "fields"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((2, 1, 1, 1, 33, "GLOBAL_POSITION_INT", false), (root.GetProperty("version").GetInt32(), root.GetProperty("seq").GetInt32(), root.GetProperty("sysid").GetInt32(), root.GetProperty("compid").GetInt32(), root.GetProperty("msgid").GetInt32(), root.GetProperty("name").GetString(), root.GetProperty("signed").GetBoolean()));
        Assert.Equal(515_000_000, root.GetProperty("fields").GetProperty("lat").GetInt32());
        Assert.Equal(9000, root.GetProperty("fields").GetProperty("hdg").GetInt32());
        using var text = JsonDocument.Parse(lines[4]);
        Assert.Equal("Ready to fly", text.RootElement.GetProperty("fields").GetProperty("text").GetString());
        using var unknown = JsonDocument.Parse(lines[5]);
        Assert.Equal(50_001, unknown.RootElement.GetProperty("msgid").GetInt32());
        Assert.Equal("cafe", unknown.RootElement.GetProperty("payload").GetString());
    }

    [Fact]
    public async Task Dump_Text_PrintsOneLinePerFrameWithFields()
    {
        var path = WriteTlog("flight.tlog");

        var (exit, output) = await Run("mavlink", "dump", path);

        Assert.Equal(ExitCodes.Success, exit);
        var lines = Lines(output);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("v2 seq=1 1/1 GLOBAL_POSITION_INT time_boot_ms=1000 lat=515000000", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dump_RawCapture_IsReadByDefaultForOtherExtensions()
    {
        var writer = new MavlinkFrameWriter(3, 1);
        var path = _directory.Combine("capture.bin");
        await File.WriteAllBytesAsync(path, [0x00, 0x42, .. writer.ToFrame(new Heartbeat { Type = MavType.FixedWing }), .. writer.ToFrame(new VfrHud { Groundspeed = 12 })]);

        var (exit, output) = await Run("mavlink", "dump", path, "--json");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(["HEARTBEAT", "VFR_HUD"], Lines(output).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Dump_FormatOption_OverridesTheExtension()
    {
        var tlog = WriteTlog("flight.tlog");
        var renamed = _directory.Combine("flight.dat");
        File.Copy(tlog, renamed);

        var (_, asTlog) = await Run("mavlink", "dump", renamed, "--format", "tlog", "--json");

        Assert.Equal(7, Lines(asTlog).Length);
    }

    [Fact]
    public async Task Dump_SigningKey_LeavesOutFramesWhoseSignatureFails()
    {
        var key = MavlinkSigningKey.FromPassphrase("the right one");
        var good = new MavlinkFrameWriter(1, 1, MavlinkVersion.V2, new MavlinkSigner(key, 0));
        var forged = new MavlinkFrameWriter(1, 1, MavlinkVersion.V2, new MavlinkSigner(MavlinkSigningKey.FromPassphrase("a guess"), 0));
        var path = _directory.Combine("signed.bin");
        await File.WriteAllBytesAsync(path, [.. good.ToFrame(new Heartbeat()), .. forged.ToFrame(new Heartbeat()), .. good.ToFrame(new VfrHud())]);

        var (exit, output) = await Run("mavlink", "dump", path, "--json", "--signing-key", Convert.ToHexString(key.Secret));
        var (_, unverified) = await Run("mavlink", "dump", path, "--json");

        Assert.Equal(ExitCodes.Success, exit);
        var lines = Lines(output);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.GetProperty("signed").GetBoolean()));
        Assert.Equal(3, Lines(unverified).Length);
    }

    [Fact]
    public async Task Dump_SourceThatIsNeitherFileNorLink_IsAUsageErrorNamingIt()
    {
        var (exit, output) = await Run("mavlink", "dump", "/no/such/flight.tlog");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("/no/such/flight.tlog", output, StringComparison.Ordinal);
        Assert.Contains("udpin:HOST:PORT", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dump_BadConnectionString_ListsTheAcceptedForms()
    {
        var (exit, output) = await Run("mavlink", "dump", "udpin:nowhere");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("'udpin:nowhere'", output, StringComparison.Ordinal);
        Assert.Contains("tcpin:HOST:PORT", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dump_BadFormatOrKey_IsAUsageError()
    {
        var path = WriteTlog("flight.tlog");

        var (formatExit, formatOutput) = await Run("mavlink", "dump", path, "--format", "pcap");
        var (keyExit, keyOutput) = await Run("mavlink", "dump", path, "--signing-key", "not-a-key");

        Assert.Equal(ExitCodes.Usage, formatExit);
        Assert.Contains("raw or tlog", formatOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, keyExit);
        Assert.Contains("--signing-key", keyOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-key", keyOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_CaptureWithGaps_PrintsCountersAndLossPerVehicle()
    {
        var writer = new MavlinkFrameWriter(7, 1);
        var path = _directory.Combine("gappy.tlog");
        using (var tlog = TlogWriter.Create(path))
        {
            for (var i = 0; i < 10; i++)
            {
                var frame = writer.ToFrame(new GlobalPositionInt { TimeBootMs = (uint)i });
                if (i is not (4 or 5))
                {
                    tlog.Write(Start.AddSeconds(i), frame);
                }
            }
        }

        var (exit, output) = await Run("mavlink", "stats", path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("frames          8 (v1 0, v2 8, signed 0)", output, StringComparison.Ordinal);
        Assert.Contains("packet loss     20.00 %", output, StringComparison.Ordinal);
        var vehicleLine = Lines(output).Single(l => l.StartsWith("7/1", StringComparison.Ordinal));
        Assert.Equal(["7/1", "8", "2", "20.00", "0"], vehicleLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => _directory.Dispose();
}
