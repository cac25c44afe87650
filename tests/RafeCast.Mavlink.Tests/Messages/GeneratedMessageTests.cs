using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Mavlink.Tests.Messages;

public sealed class GeneratedMessageTests
{
    public static TheoryData<string, uint, byte, int, int> PublishedDefinitions() => new()
    {
        // name, id, CRC_EXTRA, length without extensions, length with them (from the MAVLink spec).
        { "HEARTBEAT", 0, 50, 9, 9 },
        { "SYS_STATUS", 1, 124, 31, 43 },
        { "SYSTEM_TIME", 2, 137, 12, 12 },
        { "PING", 4, 237, 14, 14 },
        { "PARAM_VALUE", 22, 220, 25, 25 },
        { "PARAM_SET", 23, 168, 23, 23 },
        { "GPS_RAW_INT", 24, 24, 30, 52 },
        { "ATTITUDE", 30, 39, 28, 28 },
        { "GLOBAL_POSITION_INT", 33, 104, 28, 28 },
        { "MISSION_CURRENT", 42, 28, 2, 18 },
        { "MISSION_COUNT", 44, 221, 4, 9 },
        { "MISSION_ACK", 47, 153, 3, 8 },
        { "RC_CHANNELS", 65, 118, 42, 42 },
        { "MISSION_ITEM_INT", 73, 38, 37, 38 },
        { "VFR_HUD", 74, 20, 20, 20 },
        { "COMMAND_INT", 75, 158, 35, 35 },
        { "COMMAND_LONG", 76, 152, 33, 33 },
        { "COMMAND_ACK", 77, 143, 3, 10 },
        { "TIMESYNC", 111, 34, 16, 18 },
        { "BATTERY_STATUS", 147, 154, 36, 54 },
        { "AUTOPILOT_VERSION", 148, 178, 60, 78 },
        { "HOME_POSITION", 242, 104, 52, 60 },
        { "STATUSTEXT", 253, 83, 51, 54 },
        { "SETUP_SIGNING", 256, 71, 42, 42 },
    };

    [Theory]
    [MemberData(nameof(PublishedDefinitions))]
    public void Registry_KnownMessage_HasThePublishedIdCrcExtraAndLengths(string name, uint id, byte crcExtra, int minLength, int maxLength)
    {
        var info = MavlinkMessages.Dialect.Find(name);

        Assert.NotNull(info);
        Assert.Equal(id, info.Id);
        Assert.Equal(crcExtra, info.CrcExtra);
        Assert.Equal(minLength, info.MinLength);
        Assert.Equal(maxLength, info.MaxLength);
        Assert.Same(info, MavlinkMessages.Dialect.Find(id));
    }

    [Fact]
    public void Registry_CoversEveryMessageTheIssueLists()
    {
        string[] required =
        [
            "HEARTBEAT", "SYS_STATUS", "SYSTEM_TIME", "PING", "TIMESYNC", "PARAM_REQUEST_READ", "PARAM_REQUEST_LIST", "PARAM_VALUE", "PARAM_SET",
            "GPS_RAW_INT", "ATTITUDE", "GLOBAL_POSITION_INT", "RC_CHANNELS", "VFR_HUD", "MISSION_ITEM_INT", "MISSION_REQUEST_INT", "MISSION_REQUEST_LIST",
            "MISSION_COUNT", "MISSION_CLEAR_ALL", "MISSION_ACK", "MISSION_CURRENT", "MISSION_ITEM_REACHED", "MISSION_SET_CURRENT", "COMMAND_LONG",
            "COMMAND_INT", "COMMAND_ACK", "SET_POSITION_TARGET_GLOBAL_INT", "POSITION_TARGET_GLOBAL_INT", "RADIO_STATUS", "BATTERY_STATUS",
            "AUTOPILOT_VERSION", "HOME_POSITION", "EXTENDED_SYS_STATE", "STATUSTEXT", "SETUP_SIGNING", "CAMERA_INFORMATION",
            "VIDEO_STREAM_INFORMATION", "VIDEO_STREAM_STATUS", "CAMERA_CAPTURE_STATUS",
        ];

        var missing = required.Where(name => MavlinkMessages.Dialect.Find(name) is null).ToArray();

        Assert.Empty(missing);
    }

    [Fact]
    public void MavCmd_HasTheCommandsTheStationSends()
    {
        Assert.Equal(400, (int)MavCmd.ComponentArmDisarm);
        Assert.Equal(22, (int)MavCmd.NavTakeoff);
        Assert.Equal(21, (int)MavCmd.NavLand);
        Assert.Equal(20, (int)MavCmd.NavReturnToLaunch);
        Assert.Equal(176, (int)MavCmd.DoSetMode);
        Assert.Equal(192, (int)MavCmd.DoReposition);
        Assert.Equal(511, (int)MavCmd.SetMessageInterval);
        Assert.Equal(512, (int)MavCmd.RequestMessage);
        Assert.Equal(300, (int)MavCmd.MissionStart);
    }

    [Fact]
    public void Serialize_GlobalPositionInt_WritesFieldsInWireOrderLittleEndian()
    {
        var message = new GlobalPositionInt { TimeBootMs = 0x01020304, Lat = 0x11121314, Hdg = 0xA1A2 };
        var payload = new byte[GlobalPositionInt.MaxLength];

        var written = message.Serialize(payload);

        Assert.Equal(28, written);
        Assert.Equal(new byte[] { 0x04, 0x03, 0x02, 0x01 }, payload[0..4]);
        Assert.Equal(new byte[] { 0x14, 0x13, 0x12, 0x11 }, payload[4..8]);
        // The 16-bit fields follow the 32-bit ones; hdg is the last of them.
        Assert.Equal(new byte[] { 0xA2, 0xA1 }, payload[26..28]);
    }

    [Fact]
    public void Deserialize_SerializedMessage_GivesItBack()
    {
        var original = new CommandLong
        {
            TargetSystem = 1,
            TargetComponent = 1,
            Command = MavCmd.NavTakeoff,
            Confirmation = 2,
            Param1 = 1.5f,
            Param7 = 30f,
        };
        var payload = new byte[CommandLong.MaxLength];
        original.Serialize(payload);

        var decoded = CommandLong.Deserialize(payload);

        Assert.Equal(original, decoded);
    }

    [Fact]
    public void Deserialize_TruncatedPayload_ZeroFillsTheMissingFields()
    {
        var original = new CommandAck { Command = MavCmd.ComponentArmDisarm, Result = MavResult.Accepted, Progress = 0 };
        var payload = new byte[CommandAck.MaxLength];
        original.Serialize(payload);

        var decoded = CommandAck.Deserialize(payload.AsSpan(0, 2));

        Assert.Equal(MavCmd.ComponentArmDisarm, decoded.Command);
        Assert.Equal(MavResult.Accepted, decoded.Result);
        Assert.Equal(0, decoded.ResultParam2);
    }

    [Fact]
    public void CharArray_SetAndGet_RoundTripsTextAndPadsWithNul()
    {
        var text = new Statustext { Severity = MavSeverity.Warning };
        text.SetText("Low battery");
        var payload = new byte[Statustext.MaxLength];
        text.Serialize(payload);

        var decoded = Statustext.Deserialize(payload);

        Assert.Equal("Low battery", decoded.GetText());
        Assert.Equal(0, payload[1 + "Low battery".Length]);
    }

    [Fact]
    public void CharArray_FullLength_HasNoTerminatorAndReadsWhole()
    {
        var param = new ParamValue();
        param.SetParamId("ABCDEFGHIJKLMNOPQRST");

        Assert.Equal("ABCDEFGHIJKLMNOP", param.GetParamId());
    }

    [Fact]
    public void Heartbeat_VersionLeftZero_IsSentAsProtocolVersion3()
    {
        var payload = new byte[Heartbeat.MaxLength];
        new Heartbeat().Serialize(payload);

        Assert.Equal(3, Heartbeat.Deserialize(payload).MavlinkVersion);
    }

    [Fact]
    public void Dispatch_KnownId_HandsTheTypedMessageToTheVisitor()
    {
        var payload = new byte[GlobalPositionInt.MaxLength];
        TestFrames.Position(lat: 123).Serialize(payload);
        var visitor = new RecordingVisitor();

        var dispatched = MavlinkMessages.Dispatch(GlobalPositionInt.MessageId, payload, ref visitor);

        Assert.True(dispatched);
        Assert.Equal(typeof(GlobalPositionInt), visitor.Seen);
        Assert.False(MavlinkMessages.Dispatch(999_999, payload, ref visitor));
    }

    [Fact]
    public void EveryMessage_SerializeThenDeserialize_RoundTripsRandomPayloadBytes()
    {
        var random = new Random(3);
        foreach (var info in MavlinkMessages.Dialect.Messages)
        {
            // Non-zero bytes, so no field takes a default the serializer fills in (HEARTBEAT's version).
            var payload = Enumerable.Range(0, info.MaxLength).Select(_ => (byte)random.Next(1, 256)).ToArray();
            var visitor = new ReserializingVisitor(info.MaxLength);

            MavlinkMessages.Dispatch(info.Id, payload, ref visitor);

            // Every byte lands in a field and comes back: the generated offsets cover the payload exactly.
            Assert.True(payload.AsSpan().SequenceEqual(visitor.Output), $"{info.Name} did not round-trip.");
        }
    }

    [Fact]
    public void FieldInfo_ReadsValuesAtTheWireOffsets()
    {
        var payload = new byte[GlobalPositionInt.MaxLength];
        TestFrames.Position(lat: -335_000_000).Serialize(payload);
        var lat = GlobalPositionInt.Info.Fields.Single(f => f.Name == "lat");

        Assert.Equal(-335_000_000, lat.ReadInt64(payload));
        Assert.Equal("degE7", lat.Units);
        Assert.Equal(0, lat.ReadInt64(payload.AsSpan(0, 2)));
    }

    private struct RecordingVisitor : IMavlinkMessageVisitor
    {
        public Type? Seen { get; private set; }

        public void Visit<TMessage>(in TMessage message)
            where TMessage : struct, IMavlinkMessage<TMessage> => Seen = typeof(TMessage);
    }

    private struct ReserializingVisitor(int length) : IMavlinkMessageVisitor
    {
        public byte[] Output { get; } = new byte[length];

        public readonly void Visit<TMessage>(in TMessage message)
            where TMessage : struct, IMavlinkMessage<TMessage> => message.Serialize(Output);
    }
}
