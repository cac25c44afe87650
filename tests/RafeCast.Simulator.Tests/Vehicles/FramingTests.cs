using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Tests.Vehicles;

/// <summary>Frames as the spec writes them: MAVLink 2, payloads without trailing zeros, sequence numbers without gaps.</summary>
public sealed class FramingTests
{
    [Fact]
    public async Task Output_OfAFlight_IsMavlink2WithTruncatedPayloadsAndGapFreeSequences()
    {
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 3, Vehicles = 2 });
        sim.SetMode(CopterMode.Guided);
        sim.Command(MavCmd.ComponentArmDisarm, p1: 1);
        sim.Command(MavCmd.NavTakeoff, p7: 15);
        sim.Send(new ParamRequestList { TargetSystem = 2, TargetComponent = 1 });
        sim.Advance(TimeSpan.FromSeconds(30));

        var frames = sim.FramesSince();
        var bySource = frames.GroupBy(f => (f.System, f.Component)).ToDictionary(g => g.Key, g => g.ToList());

        Assert.Equal(0, sim.Link.Counters.CrcErrors);
        Assert.Equal(0, sim.Link.Counters.DroppedBytes);
        Assert.Equal(frames.Count, sim.Link.Counters.FramesV2);
        Assert.Equal([(1, 1), (2, 1)], bySource.Keys.Order().Select(k => ((int)k.System, (int)k.Component)).ToArray());
        foreach (var (source, list) in bySource)
        {
            for (var i = 0; i < list.Count; i++)
            {
                // Sequence numbers count up from 0 and wrap at 255, one per frame of this sender.
                Assert.Equal((byte)i, list[i].Raw[4]);
            }
        }
        foreach (var frame in frames)
        {
            var payload = frame.Payload;
            Assert.True(payload.Length == 1 || payload[^1] != 0, $"message {frame.MessageId} from {frame.System} ends with a zero byte (length {payload.Length})");
            Assert.True(payload.Length >= 1);
        }
        Assert.Equal(0, sim.Link.Counters.Sources.Sum(s => s.Lost));
        Assert.True(frames.Count > 1000, $"only {frames.Count} frames in 30 s");
    }

    [Fact]
    public async Task Output_WithSigningKey_IsSignedAndVerifiesWithTheKey()
    {
        var key = MavlinkSigningKey.FromPassphrase("simulator test");
        await using var sim = new SimulatorHarness(new SimulatorOptions { Seed = 3, SigningKey = key });
        sim.Advance(TimeSpan.FromSeconds(2));
        var verifier = new MavlinkSignatureVerifier(key, sim.Time);
        var parser = new MavlinkParser();

        var checks = new List<SignatureCheck>();
        foreach (var raw in sim.Link.Frames)
        {
            ReadOnlySpan<byte> input = raw;
            Assert.True(parser.TryRead(ref input, out var frame));
            checks.Add(verifier.Check(frame));
        }

        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Equal(SignatureCheck.Valid, c));
    }
}
