using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RafeCast.Mavlink.Serialization;

namespace RafeCast.Mavlink.Tests.Interop;

/// <summary>
/// Random field values for a message, written both into a payload (our wire format) and as JSON with the XML
/// field names (for node-mavlink), and a canonical text per field so both sides' decodings can be compared.
/// </summary>
internal static class FieldValues
{
    /// <summary>Random values for every field (zero for those in <paramref name="zeroFields"/>).</summary>
    public static (byte[] Payload, JsonObject Json) Random(MavlinkMessageInfo info, Random random, IReadOnlySet<string>? zeroFields = null)
    {
        var payload = new byte[info.MaxLength];
        var json = new JsonObject();
        foreach (var field in info.Fields)
        {
            var zero = zeroFields?.Contains(field.Name) == true;
            if (field.IsText)
            {
                var length = zero ? 0 : random.Next(1, field.ArrayLength);
                var text = new string([.. Enumerable.Range(0, length).Select(_ => (char)random.Next('a', 'z' + 1))]);
                Encoding.ASCII.GetBytes(text).CopyTo(payload, field.Offset);
                json[field.Name] = text;
                continue;
            }
            if (field.ArrayLength > 0)
            {
                var array = new JsonArray();
                for (var i = 0; i < field.ArrayLength; i++)
                {
                    array.Add(Value(field, payload, field.Offset + (i * field.ElementSize), random, zero));
                }
                json[field.Name] = array;
                continue;
            }
            json[field.Name] = Value(field, payload, field.Offset, random, zero);
        }
        return (payload, json);
    }

    private static JsonNode Value(MavlinkFieldInfo field, byte[] payload, int offset, Random random, bool zero)
    {
        ref var b = ref payload[0];
        switch (field.Type)
        {
            case MavlinkFieldType.Char:
            case MavlinkFieldType.UInt8:
                var u8 = zero ? (byte)0 : (byte)random.Next(1, 256);
                MavlinkWire.WriteUInt8(ref b, offset, u8);
                return u8;
            case MavlinkFieldType.Int8:
                var i8 = zero ? (sbyte)0 : (sbyte)random.Next(-128, 128);
                MavlinkWire.WriteInt8(ref b, offset, i8);
                return i8;
            case MavlinkFieldType.UInt16:
                var u16 = zero ? (ushort)0 : (ushort)random.Next(1, 65536);
                MavlinkWire.WriteUInt16(ref b, offset, u16);
                return u16;
            case MavlinkFieldType.Int16:
                var i16 = zero ? (short)0 : (short)random.Next(-32768, 32768);
                MavlinkWire.WriteInt16(ref b, offset, i16);
                return i16;
            case MavlinkFieldType.UInt32:
                var u32 = zero ? 0u : (uint)random.NextInt64(1, 1L << 32);
                MavlinkWire.WriteUInt32(ref b, offset, u32);
                return u32;
            case MavlinkFieldType.Int32:
                var i32 = zero ? 0 : random.Next(int.MinValue, int.MaxValue);
                MavlinkWire.WriteInt32(ref b, offset, i32);
                return i32;
            case MavlinkFieldType.UInt64:
                var u64 = zero ? 0UL : (ulong)random.NextInt64(1, long.MaxValue) * 2;
                MavlinkWire.WriteUInt64(ref b, offset, u64);
                return u64.ToString(CultureInfo.InvariantCulture);
            case MavlinkFieldType.Int64:
                var i64 = zero ? 0L : random.NextInt64(long.MinValue, long.MaxValue);
                MavlinkWire.WriteInt64(ref b, offset, i64);
                return i64.ToString(CultureInfo.InvariantCulture);
            case MavlinkFieldType.Float:
                var f = zero ? 0f : (float)((random.NextDouble() - 0.5) * 2e4);
                MavlinkWire.WriteSingle(ref b, offset, f);
                return (double)f;
            default:
                var d = zero ? 0d : (random.NextDouble() - 0.5) * 2e6;
                MavlinkWire.WriteDouble(ref b, offset, d);
                return d;
        }
    }

    /// <summary>Canonical text of a field as our metadata reads it from <paramref name="payload"/>.</summary>
    public static string Ours(MavlinkFieldInfo field, ReadOnlySpan<byte> payload)
    {
        if (field.IsText)
        {
            return field.ReadText(payload);
        }
        if (field.ArrayLength > 0)
        {
            var parts = new string[field.ArrayLength];
            for (var i = 0; i < field.ArrayLength; i++)
            {
                parts[i] = Scalar(field, payload, i);
            }
            return string.Join(",", parts);
        }
        return Scalar(field, payload, 0);
    }

    private static string Scalar(MavlinkFieldInfo field, ReadOnlySpan<byte> payload, int index) => field.Type switch
    {
        MavlinkFieldType.Float or MavlinkFieldType.Double => field.ReadDouble(payload, index).ToString("R", CultureInfo.InvariantCulture),
        MavlinkFieldType.UInt64 => field.ReadUInt64(payload, index).ToString(CultureInfo.InvariantCulture),
        _ => field.ReadInt64(payload, index).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Canonical text of a field as node-mavlink wrote it in JSON.</summary>
    public static string Theirs(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(Theirs)),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
