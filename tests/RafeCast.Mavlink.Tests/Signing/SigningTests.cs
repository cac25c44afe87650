using Microsoft.Extensions.Time.Testing;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;
using RafeCast.Testing;

namespace RafeCast.Mavlink.Tests.Signing;

public sealed class SigningTests
{
    private static readonly MavlinkSigningKey Key = MavlinkSigningKey.FromPassphrase("correct horse battery staple");
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static byte[] SignedFrame(MavlinkSigner signer, byte systemId = 1)
    {
        var writer = new MavlinkFrameWriter(systemId, 1, MavlinkVersion.V2, signer);
        return writer.ToFrame(TestFrames.Heartbeat());
    }

    private static SignatureCheck Check(MavlinkSignatureVerifier verifier, byte[] bytes)
    {
        ReadOnlySpan<byte> input = bytes;
        Assert.True(new MavlinkParser().TryRead(ref input, out var frame));
        return verifier.Check(frame);
    }

    [Fact]
    public void Sign_Frame_SetsTheFlagAndAppendsLinkIdTimestampAndSignature()
    {
        var time = new FakeTimeProvider(Start);
        var bytes = SignedFrame(new MavlinkSigner(Key, linkId: 7, time));
        ReadOnlySpan<byte> input = bytes;

        Assert.True(new MavlinkParser().TryRead(ref input, out var frame));

        Assert.True(frame.IsSigned);
        Assert.Equal(7, frame.SignatureLinkId);
        Assert.Equal(MavlinkSignature.TimestampOf(Start), frame.SignatureTimestamp);
        Assert.True(MavlinkSignature.Matches(Key, frame.Raw));
    }

    [Fact]
    public void Check_FrameSignedWithTheSameKey_IsValid()
    {
        var time = new FakeTimeProvider(Start);
        var verifier = new MavlinkSignatureVerifier(Key, time);

        Assert.Equal(SignatureCheck.Valid, Check(verifier, SignedFrame(new MavlinkSigner(Key, 1, time))));
    }

    [Fact]
    public void Check_OtherKeyOrAlteredFrame_IsBadSignature()
    {
        var time = new FakeTimeProvider(Start);
        var verifier = new MavlinkSignatureVerifier(Key, time);
        var altered = SignedFrame(new MavlinkSigner(Key, 1, time));
        altered[^1] ^= 1;

        Assert.Equal(SignatureCheck.BadSignature, Check(verifier, SignedFrame(new MavlinkSigner(MavlinkSigningKey.FromPassphrase("other"), 1, time))));
        Assert.Equal(SignatureCheck.BadSignature, Check(verifier, altered));
    }

    [Fact]
    public void Check_SameFrameTwice_IsAReplay()
    {
        var time = new FakeTimeProvider(Start);
        var verifier = new MavlinkSignatureVerifier(Key, time);
        var frame = SignedFrame(new MavlinkSigner(Key, 1, time));

        Assert.Equal(SignatureCheck.Valid, Check(verifier, frame));
        Assert.Equal(SignatureCheck.Replayed, Check(verifier, frame));
    }

    [Fact]
    public void Check_OlderTimestampOnAKnownStream_IsAReplay()
    {
        var time = new FakeTimeProvider(Start);
        var verifier = new MavlinkSignatureVerifier(Key, time);
        var early = SignedFrame(new MavlinkSigner(Key, 1, time));
        var late = SignedFrame(new MavlinkSigner(Key, 1, new FakeTimeProvider(Start.AddSeconds(1))));

        Assert.Equal(SignatureCheck.Valid, Check(verifier, late));
        Assert.Equal(SignatureCheck.Replayed, Check(verifier, early));
    }

    [Fact]
    public void Check_StreamsDifferingInLinkId_AreTrackedSeparately()
    {
        var time = new FakeTimeProvider(Start);
        var verifier = new MavlinkSignatureVerifier(Key, time);
        var late = SignedFrame(new MavlinkSigner(Key, 1, new FakeTimeProvider(Start.AddSeconds(1))));
        var otherLinkEarly = SignedFrame(new MavlinkSigner(Key, 2, time));

        Assert.Equal(SignatureCheck.Valid, Check(verifier, late));
        Assert.Equal(SignatureCheck.Valid, Check(verifier, otherLinkEarly));
        Assert.Equal(2, verifier.StreamCount);
    }

    [Fact]
    public void Check_NewStreamMoreThanAMinuteBehind_IsRejected()
    {
        var verifier = new MavlinkSignatureVerifier(Key, new FakeTimeProvider(Start));
        var stale = SignedFrame(new MavlinkSigner(Key, 1, new FakeTimeProvider(Start.AddSeconds(-61))));
        var recent = SignedFrame(new MavlinkSigner(Key, 2, new FakeTimeProvider(Start.AddSeconds(-59))));

        Assert.Equal(SignatureCheck.StaleNewStream, Check(verifier, stale));
        Assert.Equal(SignatureCheck.Valid, Check(verifier, recent));
    }

    [Fact]
    public void Check_NewStreamMeasuredAgainstTheLatestAcceptedTimestamp()
    {
        // Our clock is behind, but a peer's valid frame showed the real time: old streams are now stale.
        var verifier = new MavlinkSignatureVerifier(Key, new FakeTimeProvider(Start));
        var ahead = SignedFrame(new MavlinkSigner(Key, 1, new FakeTimeProvider(Start.AddMinutes(10))), systemId: 1);
        var fromOurClock = SignedFrame(new MavlinkSigner(Key, 1, new FakeTimeProvider(Start)), systemId: 2);

        Assert.Equal(SignatureCheck.Valid, Check(verifier, ahead));
        Assert.Equal(SignatureCheck.StaleNewStream, Check(verifier, fromOurClock));
    }

    [Fact]
    public void NextTimestamp_ClockStandsStillOrGoesBack_StillIncreases()
    {
        var time = new SettableClock(Start);
        var signer = new MavlinkSigner(Key, 1, time);

        var first = signer.NextTimestamp();
        var second = signer.NextTimestamp();
        time.Now = Start.AddSeconds(-5);
        var third = signer.NextTimestamp();

        Assert.True(second > first);
        Assert.True(third > second);
    }

    [Fact]
    public void Gate_RequireSignedForCommands_RefusesUnsignedCommandsButNotTelemetry()
    {
        var gate = new MavlinkSigningGate(MavlinkSigningPolicy.RequireSignedForCommands, new MavlinkSignatureVerifier(Key, new FakeTimeProvider(Start)));
        var writer = new MavlinkFrameWriter(255, 190);

        Assert.False(Evaluate(gate, writer.ToFrame(new CommandLong { Command = MavCmd.ComponentArmDisarm, Param1 = 1 })).Accepted);
        Assert.False(Evaluate(gate, writer.ToFrame(new ParamSet())).Accepted);
        Assert.False(Evaluate(gate, writer.ToFrame(new MissionCount { Count = 3 })).Accepted);
        Assert.True(Evaluate(gate, writer.ToFrame(TestFrames.Position())).Accepted);
    }

    [Fact]
    public void Gate_RequireSignedForAll_AcceptsOnlySignedFramesAndRadioStatus()
    {
        var time = new FakeTimeProvider(Start);
        var gate = new MavlinkSigningGate(MavlinkSigningPolicy.RequireSignedForAll, new MavlinkSignatureVerifier(Key, time));
        var unsigned = new MavlinkFrameWriter(1, 1);

        Assert.False(Evaluate(gate, unsigned.ToFrame(TestFrames.Position())).Accepted);
        Assert.True(Evaluate(gate, unsigned.ToFrame(new RadioStatus { Rssi = 200 })).Accepted);
        Assert.True(Evaluate(gate, SignedFrame(new MavlinkSigner(Key, 1, time))).Accepted);
    }

    [Fact]
    public void Gate_AcceptAllWithAKey_StillRefusesForgedSignatures()
    {
        var time = new FakeTimeProvider(Start);
        var gate = new MavlinkSigningGate(MavlinkSigningPolicy.AcceptAll, new MavlinkSignatureVerifier(Key, time));

        var decision = Evaluate(gate, SignedFrame(new MavlinkSigner(MavlinkSigningKey.FromPassphrase("forged"), 1, time)));

        Assert.False(decision.Accepted);
        Assert.Equal(SignatureCheck.BadSignature, decision.Check);
        Assert.True(Evaluate(gate, new MavlinkFrameWriter(1, 1).ToFrame(TestFrames.Position())).Accepted);
    }

    [Fact]
    public void Gate_PolicyWithoutKey_IsAConfigurationError()
    {
        Assert.Throws<ArgumentException>(() => new MavlinkSigningGate(MavlinkSigningPolicy.RequireSignedForAll, null));
    }

    [Fact]
    public void Key_FromHexFileAndPassphrase_AgreeOnTheSameSecret()
    {
        var passphrase = MavlinkSigningKey.FromPassphrase("abc");
        var hex = Convert.ToHexString(passphrase.Secret);
        using var directory = new TempDirectory();
        var rawFile = directory.Combine("raw.key");
        var hexFile = directory.Combine("hex.key");
        File.WriteAllBytes(rawFile, passphrase.Secret.ToArray());
        File.WriteAllText(hexFile, hex.ToLowerInvariant() + "\n");

        // SHA-256("abc"), the standard test vector.
        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", hex);
        Assert.Equal(passphrase.Secret.ToArray(), MavlinkSigningKey.FromHex(hex).Secret.ToArray());
        Assert.Equal(passphrase.Secret.ToArray(), MavlinkSigningKey.FromFile(rawFile).Secret.ToArray());
        Assert.Equal(passphrase.Secret.ToArray(), MavlinkSigningKey.FromFile(hexFile).Secret.ToArray());
    }

    [Fact]
    public void Key_BadHex_IsRefusedWithoutEchoingIt()
    {
        var error = Assert.Throws<FormatException>(() => MavlinkSigningKey.FromHex("secret-but-not-hex"));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("64 hex digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_ToString_DoesNotRevealTheSecret()
    {
        var text = Key.ToString();

        Assert.DoesNotContain(Convert.ToHexString(Key.Secret), text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Key.Fingerprint, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_SignerOnMavlink1_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new MavlinkFrameWriter(1, 1, MavlinkVersion.V1, new MavlinkSigner(Key, 1)));
    }

    /// <summary>A clock that can be set backwards, which FakeTimeProvider refuses.</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static SigningDecision Evaluate(MavlinkSigningGate gate, byte[] bytes)
    {
        ReadOnlySpan<byte> input = bytes;
        Assert.True(new MavlinkParser().TryRead(ref input, out var frame));
        return gate.Evaluate(frame);
    }
}
