using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;

namespace RafeCast.Mavlink.Tests.Framing;

/// <summary>
/// Random bytes, bit flips and truncations never make the parser throw or stall, and the valid frames after
/// the damage always come through. Seeded, so every run checks the same thousands of cases. Recovery is
/// checked with unknown message ids dropped and the signing key known: a frame the dialect does not know, or a
/// signature, cannot be checked by the checksum, so without them damage that looks like one can, rarely, cost
/// the frame after it.
/// </summary>
public sealed class ParserRobustnessTests
{
    private const int Trials = 3000;

    // Signed frames are parsed with their key: without it, a frame cut inside its signature is indistinguishable
    // from a whole one (the checksum does not cover the signature).
    private static readonly MavlinkSigningKey Key = MavlinkSigningKey.FromPassphrase("robust");

    private static readonly List<byte[]> Pool = BuildPool();

    private static MavlinkParser Strict() => new(handUpUnknownMessages: false, signatureKey: Key);

    private static List<byte[]> BuildPool()
    {
        var v2 = new MavlinkFrameWriter(1, 1);
        var v1 = new MavlinkFrameWriter(2, 1, MavlinkVersion.V1);
        var signed = new MavlinkFrameWriter(3, 1, MavlinkVersion.V2, new MavlinkSigner(Key, 1));
        var text = new Statustext { Severity = MavSeverity.Notice };
        text.SetText("Robustness is not an accident");
        return
        [
            .. TestFrames.Split(TestFrames.Stream(16, v2)),
            .. TestFrames.Split(TestFrames.Stream(8, v1)),
            .. TestFrames.Split(TestFrames.Stream(8, signed)),
            v2.ToFrame(text),
            v2.ToFrame(new CommandAck { Command = MavCmd.NavLand }),
        ];
    }

    private static byte[][] Pick(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => Pool[random.Next(Pool.Count)])];

    /// <summary>Feeds <paramref name="stream"/> in random chunks; returns the frames found. Fails if a call neither consumes nor returns.</summary>
    private static List<byte[]> Feed(MavlinkParser parser, byte[] stream, Random random)
    {
        var frames = new List<byte[]>();
        var offset = 0;
        while (offset < stream.Length)
        {
            var size = Math.Min(stream.Length - offset, random.Next(1, 120));
            ReadOnlySpan<byte> chunk = stream.AsSpan(offset, size);
            while (parser.TryRead(ref chunk, out var frame))
            {
                frames.Add(frame.ToArray());
                // Every frame takes at least 8 bytes of the stream: more frames than that would be a stall.
                Assert.True(frames.Count <= (offset + size) / 8, "the parser returned frames without consuming input");
            }
            Assert.True(chunk.IsEmpty, "the parser returned false without using up its input");
            offset += size;
        }
        // The end of the input settles a damaged candidate that claimed more bytes than were left.
        while (parser.TryReadFinal(out var frame))
        {
            frames.Add(frame.ToArray());
        }
        Assert.Equal(0, parser.BufferedBytes);
        return frames;
    }

    private static void AssertEndsWith(List<byte[]> found, byte[][] expected, string damage)
    {
        Assert.True(found.Count >= expected.Length, $"after {damage}: {found.Count} frames found, expected at least the last {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[^(i + 1)].AsSpan().SequenceEqual(found[^(i + 1)]), $"after {damage}: the valid frame {expected.Length - i} after the damage was not recovered; found {Describe(found)}, expected to end with {Describe(expected)}");
        }
    }

    private static string Describe(IEnumerable<byte[]> frames) =>
        string.Join(" ", frames.Select(f => $"[{Convert.ToHexString(f.AsSpan(0, Math.Min(8, f.Length)))}..{f.Length}]"));

    [Fact]
    public void RandomBytes_NeverThrowOrStall()
    {
        var random = new Random(100);
        var noise = new byte[1 << 20];
        random.NextBytes(noise);
        var parser = new MavlinkParser();

        Feed(parser, noise, random);

        Assert.Equal(noise.Length, parser.Counters.Bytes);
        Assert.Equal(noise.Length, parser.Counters.DroppedBytes);
        Assert.Equal(0, parser.Counters.Frames);
    }

    [Fact]
    public void RandomGarbageBetweenFrames_TheFollowingFramesAreRecovered()
    {
        var random = new Random(101);
        for (var trial = 0; trial < Trials; trial++)
        {
            var before = Pick(random, 2);
            var after = Pick(random, 3);
            var garbage = new byte[random.Next(1, 300)];
            random.NextBytes(garbage);
            var stream = before.SelectMany(f => f).Concat(garbage).Concat(after.SelectMany(f => f)).ToArray();

            var found = Feed(Strict(), stream, random);

            AssertEndsWith(found, after, $"trial {trial}: {garbage.Length} random bytes");
        }
    }

    [Fact]
    public void BitFlips_OnlyTheDamagedFrameIsLost()
    {
        var random = new Random(102);
        for (var trial = 0; trial < Trials; trial++)
        {
            var before = Pick(random, 2);
            var damaged = (byte[])Pick(random, 1)[0].Clone();
            var after = Pick(random, 3);
            var bit = random.Next(damaged.Length * 8);
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            var stream = before.SelectMany(f => f).Concat(damaged).Concat(after.SelectMany(f => f)).ToArray();
            var parser = Strict();

            var found = Feed(parser, stream, random);

            AssertEndsWith(found, after, $"trial {trial}: bit {bit} flipped");
            Assert.Equal(before[0], found[0]);
            Assert.Equal(before[1], found[1]);
            // The flipped frame is dropped, unless the flip hit its signature (not covered by the checksum).
            Assert.True(found.Count == 5 || (found.Count == 6 && found[2].AsSpan().SequenceEqual(damaged)), $"trial {trial}: {found.Count} frames from a stream of 6 with one damaged");
        }
    }

    [Fact]
    public void Truncations_TheFollowingFramesAreRecovered()
    {
        var random = new Random(103);
        for (var trial = 0; trial < Trials; trial++)
        {
            var before = Pick(random, 2);
            var cut = Pick(random, 1)[0];
            var after = Pick(random, 3);
            var kept = random.Next(1, cut.Length);
            var stream = before.SelectMany(f => f).Concat(cut.Take(kept)).Concat(after.SelectMany(f => f)).ToArray();

            var found = Feed(Strict(), stream, random);

            AssertEndsWith(found, after, $"trial {trial}: frame cut after {kept} of {cut.Length} bytes");
            Assert.Equal(before, found.Take(2));
        }
    }
}
