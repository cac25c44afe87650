using System.Text.Json;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Inspection;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Mavlink.Tests.Inspection;

public sealed class MavlinkFrameFormatterTests
{
    private static string Json(byte[] bytes)
    {
        ReadOnlySpan<byte> input = bytes;
        var parser = new MavlinkParser();
        // Sync on a known frame first so an unknown one is trusted.
        ReadOnlySpan<byte> sync = new MavlinkFrameWriter(1, 1).ToFrame(TestFrames.Heartbeat());
        Assert.True(parser.TryRead(ref sync, out _));
        // An unknown frame is trusted when the next frame starts right after it: end the input there.
        Assert.True(parser.TryRead(ref input, out var frame) || parser.TryReadFinal(out frame));
        return MavlinkFrameFormatter.ToJson(frame);
    }

    [Fact]
    public void ToJson_KnownMessage_HasTheContractShapeWithXmlFieldNames()
    {
        var json = Json(new MavlinkFrameWriter(1, 1).ToFrame(TestFrames.Position(lat: 515_000_000)));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["version", "seq", "sysid", "compid", "msgid", "name", "signed", "fields"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        Assert.Equal(33, root.GetProperty("msgid").GetInt32());
        Assert.Equal("GLOBAL_POSITION_INT", root.GetProperty("name").GetString());
        Assert.False(root.GetProperty("signed").GetBoolean());
        var fields = root.GetProperty("fields");
        Assert.Equal(["time_boot_ms", "lat", "lon", "alt", "relative_alt", "vx", "vy", "vz", "hdg"], fields.EnumerateObject().Select(p => p.Name));
        Assert.Equal(515_000_000, fields.GetProperty("lat").GetInt32());
    }

    [Fact]
    public void ToJson_CharAndNumberArrays_AreStringsAndArrays()
    {
        var text = new Statustext { Severity = MavSeverity.Info };
        text.SetText("Armed");
        var battery = new BatteryStatus();
        battery.Voltages[0] = 4100;
        battery.Voltages[1] = ushort.MaxValue;

        using var statustext = JsonDocument.Parse(Json(new MavlinkFrameWriter(1, 1).ToFrame(text)));
        using var status = JsonDocument.Parse(Json(new MavlinkFrameWriter(1, 1).ToFrame(battery)));

        Assert.Equal("Armed", statustext.RootElement.GetProperty("fields").GetProperty("text").GetString());
        var voltages = status.RootElement.GetProperty("fields").GetProperty("voltages");
        Assert.Equal(10, voltages.GetArrayLength());
        Assert.Equal(4100, voltages[0].GetInt32());
        Assert.Equal(65535, voltages[1].GetInt32());
    }

    [Fact]
    public void ToJson_NaNParameter_IsNull()
    {
        var json = Json(new MavlinkFrameWriter(1, 1).ToFrame(new CommandLong { Command = MavCmd.DoReposition, Param4 = float.NaN, Param5 = 1.5f }));

        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.GetProperty("fields");
        Assert.Equal(JsonValueKind.Null, fields.GetProperty("param4").ValueKind);
        Assert.Equal(1.5, fields.GetProperty("param5").GetDouble());
    }

    [Fact]
    public void ToJson_UnknownMessage_HasTheIdAndTheRawPayloadInHex()
    {
        var buffer = new byte[64];
        var length = MavlinkFrames.Write(buffer, MavlinkVersion.V2, 3, 1, 1, 60_000, 0, [0xDE, 0xAD, 0xBE, 0xEF]);

        using var document = JsonDocument.Parse(Json(buffer[..length]));

        Assert.Equal(60_000, document.RootElement.GetProperty("msgid").GetInt32());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("name").ValueKind);
        Assert.Equal("deadbeef", document.RootElement.GetProperty("payload").GetString());
    }

    [Fact]
    public void ToText_Frame_ListsFieldsByXmlName()
    {
        ReadOnlySpan<byte> input = new MavlinkFrameWriter(1, 1).ToFrame(TestFrames.Heartbeat());
        Assert.True(new MavlinkParser().TryRead(ref input, out var frame));

        var text = MavlinkFrameFormatter.ToText(frame);

        Assert.StartsWith("v2 seq=0 1/1 HEARTBEAT type=2 autopilot=3 base_mode=129 custom_mode=4", text, StringComparison.Ordinal);
    }
}
