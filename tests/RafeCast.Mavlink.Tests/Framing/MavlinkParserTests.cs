using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Mavlink.Tests.Framing;

public sealed class MavlinkParserTests
{
    [Fact]
    public void TryRead_V2FrameFromTheWriter_DecodesHeaderAndMessage()
    {
        var writer = new MavlinkFrameWriter(7, 1);
        var bytes = writer.ToFrame(TestFrames.Position(lat: 515_000_001));
        var parser = new MavlinkParser();
        ReadOnlySpan<byte> input = bytes;

        Assert.True(parser.TryRead(ref input, out var frame));

        Assert.Equal(MavlinkVersion.V2, frame.Version);
        Assert.Equal(7, frame.SystemId);
        Assert.Equal(1, frame.ComponentId);
        Assert.Equal(0, frame.Sequence);
        Assert.Equal(GlobalPositionInt.MessageId, frame.MessageId);
        Assert.True(frame.IsKnown);
        Assert.True(frame.TryDecode<GlobalPositionInt>(out var position));
        Assert.Equal(TestFrames.Position(lat: 515_000_001), position);
        Assert.True(input.IsEmpty);
    }

    [Fact]
    public void Write_V2MessageWithTrailingZeros_TruncatesAndTheParserZeroFills()
    {
        var writer = new MavlinkFrameWriter(1, 1);
        var ack = new CommandAck { Command = MavCmd.ComponentArmDisarm, Result = MavResult.Accepted };

        var bytes = writer.ToFrame(ack);

        // COMMAND_ACK is 10 bytes with extensions; everything after command (400 = 0x0190) is zero (result ACCEPTED = 0).
        Assert.Equal(2, bytes[1]);
        ReadOnlySpan<byte> input = bytes;
        Assert.True(new MavlinkParser().TryRead(ref input, out var frame));
        Assert.True(frame.TryDecode<CommandAck>(out var decoded));
        Assert.Equal(ack, decoded);
    }

    [Fact]
    public void Write_AllZeroPayload_KeepsOneByte()
    {
        var bytes = new MavlinkFrameWriter(1, 1).ToFrame(new MissionItemReached());

        Assert.Equal(1, bytes[1]);
    }

    [Fact]
    public void TryRead_V1Frame_CarriesOnlyBaseFieldsAndDecodes()
    {
        var writer = new MavlinkFrameWriter(2, 3, MavlinkVersion.V1);
        var ack = new CommandAck { Command = MavCmd.ComponentArmDisarm, Result = MavResult.Denied, Progress = 50 };
        var bytes = writer.ToFrame(ack);
        ReadOnlySpan<byte> input = bytes;

        Assert.True(new MavlinkParser().TryRead(ref input, out var frame));

        Assert.Equal(MavlinkProtocol.StxV1, bytes[0]);
        Assert.Equal(MavlinkVersion.V1, frame.Version);
        Assert.Equal(CommandAck.MinLength, frame.PayloadLength);
        Assert.True(frame.TryDecode<CommandAck>(out var decoded));
        Assert.Equal(MavResult.Denied, decoded.Result);
        // Extension fields do not exist in MAVLink 1 and read as zero.
        Assert.Equal(0, decoded.Progress);
    }

    [Fact]
    public void TryRead_StreamSplitAtEveryPosition_FindsTheSameFrames()
    {
        var stream = TestFrames.Stream(6);
        var expected = TestFrames.Split(stream);
        Assert.Equal(6, expected.Count);

        for (var split = 0; split <= stream.Length; split++)
        {
            var parser = new MavlinkParser();
            var frames = TestFrames.ParseAll(parser, stream[..split], stream[split..]);

            Assert.Equal(expected.Count, frames.Count);
            for (var i = 0; i < frames.Count; i++)
            {
                Assert.Equal(expected[i], frames[i]);
            }
            Assert.Equal(0, parser.Counters.DroppedBytes);
        }
    }

    [Fact]
    public void TryRead_OneByteAtATime_FindsEveryFrame()
    {
        var stream = TestFrames.Stream(20);
        var parser = new MavlinkParser();

        var frames = TestFrames.ParseAll(parser, [.. stream.Select(b => new[] { b })]);

        Assert.Equal(TestFrames.Split(stream), frames);
        Assert.Equal(stream.Length, parser.Counters.Bytes);
    }

    [Fact]
    public void TryRead_GarbageBetweenFrames_SkipsItAndCountsTheBytes()
    {
        var frames = TestFrames.Split(TestFrames.Stream(3));
        byte[] garbage = [0x00, 0x13, 0x37, 0xFD, 0x02, 0x99, 0xFE, 0x01];
        var stream = garbage.Concat(frames[0]).Concat(garbage).Concat(frames[1]).Concat(frames[2]).ToArray();
        var parser = new MavlinkParser();

        var parsed = TestFrames.ParseAll(parser, stream);

        Assert.Equal(frames, parsed);
        Assert.Equal(2 * garbage.Length, parser.Counters.DroppedBytes);
    }

    [Fact]
    public void TryRead_CorruptedFrame_CountsACrcErrorAndRecoversTheNextFrame()
    {
        var frames = TestFrames.Split(TestFrames.Stream(3));
        var damaged = (byte[])frames[1].Clone();
        damaged[12] ^= 0x40;
        var parser = new MavlinkParser();

        var parsed = TestFrames.ParseAll(parser, [.. frames[0], .. damaged, .. frames[2]]);

        Assert.Equal([frames[0], frames[2]], parsed);
        Assert.Equal(1, parser.Counters.CrcErrors);
        Assert.Equal(damaged.Length, parser.Counters.DroppedBytes);
    }

    [Fact]
    public void TryRead_FrameStartingInsideADamagedCandidate_IsFound()
    {
        // A stray header claims a long HEARTBEAT that would swallow the real frames behind it.
        var frames = TestFrames.Split(TestFrames.Stream(8));
        byte[] stream = [0xFD, 0x40, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, .. frames.SelectMany(f => f)];
        var parser = new MavlinkParser();

        var parsed = TestFrames.ParseAll(parser, stream);

        Assert.Equal(frames, parsed);
        Assert.Equal(1, parser.Counters.CrcErrors);
    }

    [Fact]
    public void TryRead_UnknownMessageAfterAVerifiedFrame_IsHandedUpRaw()
    {
        var known = TestFrames.Split(TestFrames.Stream(1))[0];
        var unknownPayload = new byte[] { 1, 2, 3, 4 };
        var unknown = new byte[64];
        var length = MavlinkFrames.Write(unknown, MavlinkVersion.V2, 5, 9, 9, 424_242, 0x55, unknownPayload);
        var parser = new MavlinkParser();
        ReadOnlySpan<byte> input = [.. known, .. unknown.AsSpan(0, length), .. known];

        Assert.True(parser.TryRead(ref input, out _));
        Assert.True(parser.TryRead(ref input, out var frame));

        Assert.False(frame.IsKnown);
        Assert.Null(frame.Info);
        Assert.Equal(424_242u, frame.MessageId);
        Assert.Equal(unknownPayload, frame.Payload.ToArray());
        Assert.Equal(1, parser.Counters.UnknownMessages);
        Assert.True(parser.TryRead(ref input, out _));
    }

    [Fact]
    public void TryRead_UnknownMessageBeforeSync_IsNotTrusted()
    {
        var known = TestFrames.Split(TestFrames.Stream(1))[0];
        var unknown = new byte[64];
        var length = MavlinkFrames.Write(unknown, MavlinkVersion.V2, 5, 9, 9, 424_242, 0x55, [1, 2, 3, 4]);
        var parser = new MavlinkParser();

        var parsed = TestFrames.ParseAll(parser, [.. unknown.AsSpan(0, length), .. known]);

        // Without a checksum to go by, only a verified frame establishes where frames begin.
        Assert.Equal([known], parsed);
        Assert.Equal(0, parser.Counters.UnknownMessages);
    }

    [Fact]
    public void TryRead_UnknownIncompatibilityFlag_DropsTheFrameAndKeepsGoing()
    {
        var frames = TestFrames.Split(TestFrames.Stream(3));
        var flagged = new byte[64];
        var payload = new byte[Heartbeat.MaxLength];
        TestFrames.Heartbeat().Serialize(payload);
        var length = MavlinkFrames.Write(flagged, MavlinkVersion.V2, 1, 1, 1, Heartbeat.MessageId, Heartbeat.CrcExtra, payload);
        flagged[2] = 0x02;
        var crc = MavlinkCrc.Compute(flagged.AsSpan(1, length - 3), Heartbeat.CrcExtra);
        flagged[length - 2] = (byte)crc;
        flagged[length - 1] = (byte)(crc >> 8);
        var parser = new MavlinkParser();

        var parsed = TestFrames.ParseAll(parser, [.. frames[0], .. flagged.AsSpan(0, length), .. frames[1]]);

        Assert.Equal([frames[0], frames[1]], parsed);
        Assert.Equal(1, parser.Counters.IncompatibleFrames);
    }

    [Fact]
    public void Counters_SequenceGaps_GivePacketLossPerSender()
    {
        var writer = new MavlinkFrameWriter(1, 1);
        var frames = TestFrames.Split(TestFrames.Stream(10, writer));
        var other = TestFrames.Split(TestFrames.Stream(4, new MavlinkFrameWriter(2, 1)));
        var parser = new MavlinkParser();

        // Frames 3 and 4, and 8 of sender 1/1 never arrive: 3 of 10 lost.
        TestFrames.ParseAll(parser, [.. frames.Where((_, i) => i is not (3 or 4 or 8)).Concat(other).SelectMany(f => f)]);

        var vehicle1 = parser.Counters.Sources.Single(s => s.Source.SystemId == 1);
        var vehicle2 = parser.Counters.Sources.Single(s => s.Source.SystemId == 2);
        Assert.Equal(7, vehicle1.Received);
        Assert.Equal(3, vehicle1.Lost);
        Assert.Equal(30.0, vehicle1.LossPercent, 6);
        Assert.Equal(0, vehicle2.Lost);
        Assert.Equal(100.0 * 3 / 14, parser.Counters.PacketLossPercent, 6);
    }

    [Fact]
    public async Task Counters_ReadFromAnotherThreadWhileNewSendersAppear_NeverFailAndEndComplete()
    {
        // 250 senders, each appearing mid-stream while a metrics thread keeps reading the counters.
        byte[] stream = [.. Enumerable.Range(1, 250).SelectMany(id => TestFrames.Stream(4, new MavlinkFrameWriter((byte)id, 1)))];
        var parser = new MavlinkParser();
        using var done = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            do
            {
                _ = parser.Counters.Sources.Count;
                _ = parser.Counters.PacketLossPercent;
                reads++;
            }
            while (!done.IsCancellationRequested);
        });

        for (var round = 0; round < 20; round++)
        {
            TestFrames.ParseAll(parser, stream);
        }
        await done.CancelAsync();
        await reader;

        Assert.True(reads > 0);
        Assert.Equal(250, parser.Counters.Sources.Count);
        Assert.All(parser.Counters.Sources, s => Assert.Equal(80, s.Received));
    }

    [Fact]
    public void Counters_RepeatedSequence_IsOutOfOrderNotLoss()
    {
        var frames = TestFrames.Split(TestFrames.Stream(3));
        var parser = new MavlinkParser();

        TestFrames.ParseAll(parser, [.. frames[0], .. frames[1], .. frames[1], .. frames[2]]);

        var source = parser.Counters.Sources.Single();
        Assert.Equal(0, source.Lost);
        Assert.Equal(1, source.OutOfOrder);
    }

    [Fact]
    public void Writer_SequenceNumbers_IncreaseAndWrapPerWriter()
    {
        var writer = new MavlinkFrameWriter(1, 1);
        var frames = TestFrames.Split(TestFrames.Stream(300, writer));

        Assert.Equal(0, frames[0][4]);
        Assert.Equal(255, frames[255][4]);
        Assert.Equal(0, frames[256][4]);
        Assert.Equal(300, writer.FramesWritten);
    }

    [Fact]
    public void TryRead_SteadyState_AllocatesNothingPerFrame()
    {
        var stream = TestFrames.Stream(4000);
        var parser = new MavlinkParser();
        // Warm up: JIT, the per-sender counter, the static tables.
        Parse(parser, stream, 7);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (frames, checksum) = Parse(parser, stream, 7);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(4000, frames);
        Assert.NotEqual(0, checksum);
        Assert.Equal(0, allocated);
    }

    private static (int Frames, long Checksum) Parse(MavlinkParser parser, byte[] stream, int chunk)
    {
        var count = 0;
        long checksum = 0;
        for (var offset = 0; offset < stream.Length; offset += chunk)
        {
            ReadOnlySpan<byte> input = stream.AsSpan(offset, Math.Min(chunk, stream.Length - offset));
            while (parser.TryRead(ref input, out var frame))
            {
                count++;
                if (frame.TryDecode<GlobalPositionInt>(out var position))
                {
                    checksum += position.Lat;
                }
                else if (frame.TryDecode<RafeCast.Mavlink.Messages.Attitude>(out var attitude))
                {
                    checksum += (long)attitude.Yaw;
                }
            }
        }
        return (count, checksum);
    }
}
