using System.Text.Json;
using System.Text.Json.Nodes;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;

namespace RafeCast.Mavlink.Tests.Interop;

/// <summary>
/// Interop in both directions with an independent implementation, node-mavlink 2.3.0 (installed by
/// tools/setup.sh), run as a real node process.
/// </summary>
public sealed class NodeMavlinkInteropTests
{
    private static readonly MavlinkSigningKey Key = MavlinkSigningKey.FromPassphrase("interop");

    private static IEnumerable<MavlinkMessageInfo> Ours => MavlinkMessages.Dialect.Messages;

    [Fact]
    public async Task CrcExtra_EveryMessageOfOurDialect_EqualsNodeMavlinks()
    {
        using var registry = JsonDocument.Parse(await NodeScript.RunAsync("registry.js", string.Empty, "minimal", "common", "standard"));
        var theirs = registry.RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("id").GetUInt32());

        foreach (var info in Ours)
        {
            Assert.True(theirs.TryGetValue(info.Id, out var their), $"node-mavlink does not know {info.Name}.");
            Assert.Equal(info.Name, their.GetProperty("name").GetString());
            Assert.True(info.CrcExtra == their.GetProperty("crcExtra").GetInt32(), $"{info.Name}: CRC_EXTRA {info.CrcExtra} here, {their.GetProperty("crcExtra").GetInt32()} in node-mavlink.");
            Assert.True(info.MaxLength == their.GetProperty("payloadLength").GetInt32(), $"{info.Name}: length {info.MaxLength} here, {their.GetProperty("payloadLength").GetInt32()} in node-mavlink.");
            Assert.Equal(info.Fields.Select(f => f.Name), their.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        }
    }

    [Fact]
    public async Task TheirFrames_V1V2TruncatedAndSigned_DecodeToTheSameValuesHere()
    {
        var random = new Random(11);
        var requests = new JsonArray();
        var expected = new List<(MavlinkMessageInfo Info, byte[] Payload, int Version, bool Signed, bool Truncated)>();
        var signedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        byte seq = 0;
        void Add(MavlinkMessageInfo info, int version, bool signed, IReadOnlySet<string>? zero = null)
        {
            var (payload, fields) = FieldValues.Random(info, random, zero);
            var request = new JsonObject { ["name"] = info.Name, ["version"] = version, ["sysid"] = 42, ["compid"] = 7, ["seq"] = seq++, ["fields"] = fields };
            if (signed)
            {
                request["sign"] = new JsonObject { ["keyHex"] = Convert.ToHexStringLower(Key.Secret), ["linkId"] = 5, ["timestampMs"] = signedAt.ToUnixTimeMilliseconds() };
            }
            requests.Add(request);
            expected.Add((info, payload, version, signed, zero is not null));
        }
        foreach (var info in Ours)
        {
            Add(info, 2, signed: false);
            Add(info, 2, signed: true);
            if (info.Id < 256 && info.Fields.All(f => !f.IsExtension))
            {
                Add(info, 1, signed: false);
            }
            // Zero trailing fields: node-mavlink truncates the payload, we must zero-fill it back.
            var tail = info.Fields.OrderByDescending(f => f.Offset).Take(Math.Max(1, info.Fields.Count / 2)).Select(f => f.Name).ToHashSet();
            Add(info, 2, signed: false, tail);
        }

        var frames = (await NodeScript.RunAsync("encode.js", requests.ToJsonString()))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Convert.FromHexString).ToList();

        Assert.Equal(expected.Count, frames.Count);
        var parser = new MavlinkParser();
        var truncated = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var (info, payload, version, signed, zeroTail) = expected[i];
            ReadOnlySpan<byte> input = frames[i];
            Assert.True(parser.TryRead(ref input, out var frame), $"frame {i} ({info.Name}) was not accepted");
            Assert.Equal(info.Id, frame.MessageId);
            Assert.Equal(version, (int)frame.Version);
            Assert.Equal((42, 7), (frame.SystemId, frame.ComponentId));
            Assert.Equal(signed, frame.IsSigned);
            if (signed)
            {
                Assert.True(MavlinkSignature.Matches(Key, frame.Raw), $"{info.Name}: node-mavlink's signature does not verify here");
                Assert.Equal(5, frame.SignatureLinkId);
                Assert.Equal(MavlinkSignature.TimestampOf(signedAt), frame.SignatureTimestamp);
            }
            if (zeroTail && frame.PayloadLength < info.MaxLength)
            {
                truncated++;
            }
            foreach (var field in info.Fields.Where(f => version == 2 || !f.IsExtension))
            {
                Assert.True(FieldValues.Ours(field, payload) == FieldValues.Ours(field, frame.Payload), $"{info.Name}.{field.Name} (v{version}{(signed ? ", signed" : string.Empty)}): sent {FieldValues.Ours(field, payload)}, decoded {FieldValues.Ours(field, frame.Payload)}");
            }
        }
        Assert.True(truncated > 30, $"only {truncated} of node-mavlink's frames were truncated");
        Assert.Equal(0, parser.Counters.CrcErrors);
    }

    [Fact]
    public async Task OurFrames_V1V2TruncatedAndSigned_DecodeToTheSameValuesInNodeMavlink()
    {
        var random = new Random(12);
        var sent = new List<(MavlinkMessageInfo Info, byte[] Payload, int Version, bool Signed)>();
        var hex = new List<string>();
        var plain = new MavlinkFrameWriter(42, 7);
        var v1 = new MavlinkFrameWriter(42, 7, MavlinkVersion.V1);
        var signedWriter = new MavlinkFrameWriter(42, 7, MavlinkVersion.V2, new MavlinkSigner(Key, 9));
        var buffer = new byte[MavlinkProtocol.MaxFrameLength];
        void Add(MavlinkFrameWriter writer, MavlinkMessageInfo info, byte[] payload, int version)
        {
            var length = writer.WriteFrame(buffer, info.Id, info.CrcExtra, version == 1 ? payload.AsSpan(0, info.MinLength) : payload);
            hex.Add(Convert.ToHexStringLower(buffer.AsSpan(0, length)));
            sent.Add((info, payload, version, writer.Signer is not null));
        }
        foreach (var info in Ours)
        {
            Add(plain, info, FieldValues.Random(info, random).Payload, 2);
            Add(signedWriter, info, FieldValues.Random(info, random).Payload, 2);
            if (info.Id < 256)
            {
                Add(v1, info, FieldValues.Random(info, random).Payload, 1);
            }
            var tail = info.Fields.OrderByDescending(f => f.Offset).Take(Math.Max(1, info.Fields.Count / 2)).Select(f => f.Name).ToHashSet();
            Add(plain, info, FieldValues.Random(info, random, tail).Payload, 2);
        }

        var decoded = (await NodeScript.RunAsync("decode.js", string.Join('\n', hex), Convert.ToHexStringLower(Key.Secret)))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.Equal(sent.Count, decoded.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            var (info, payload, version, signed) = sent[i];
            var their = decoded[i];
            Assert.Equal(info.Name, their.GetProperty("name").GetString());
            Assert.Equal(version, their.GetProperty("version").GetInt32());
            Assert.Equal(42, their.GetProperty("sysid").GetInt32());
            Assert.Equal(signed, their.GetProperty("signed").GetBoolean());
            if (signed)
            {
                Assert.True(their.GetProperty("signatureMatches").GetBoolean(), $"{info.Name}: our signature does not verify in node-mavlink");
                Assert.Equal(9, their.GetProperty("signatureLinkId").GetInt32());
            }
            var fields = their.GetProperty("fields");
            foreach (var field in info.Fields.Where(f => version == 2 || !f.IsExtension))
            {
                var expected = FieldValues.Ours(field, payload);
                var actual = FieldValues.Theirs(fields.GetProperty(field.Name));
                Assert.True(expected == actual, $"{info.Name}.{field.Name} (v{version}{(signed ? ", signed" : string.Empty)}): sent {expected}, node-mavlink decoded {actual}");
            }
        }
    }
}
