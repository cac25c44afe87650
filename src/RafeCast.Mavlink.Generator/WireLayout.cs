using System.Linq;
using System.Text;

namespace RafeCast.Mavlink.Generator;

/// <summary>
/// Wire order, offsets, lengths and CRC_EXTRA of a message, as the MAVLink serialization spec defines them
/// (https://mavlink.io/en/guide/serialization.html): base fields sorted by element size, largest first,
/// keeping XML order among equal sizes; extension fields after them in XML order; CRC_EXTRA over the
/// message name and the base fields in wire order.
/// </summary>
internal static class WireLayout
{
    public static void Apply(MessageDefinition message)
    {
        var index = 0;
        // OrderByDescending is a stable sort, which the spec's reordering requires.
        var baseFields = message.Fields.Where(f => !f.IsExtension).Select(f => (Field: f, Index: index++))
            .OrderByDescending(p => p.Field.ElementSize).ThenBy(p => p.Index).Select(p => p.Field).ToList();
        var extensions = message.Fields.Where(f => f.IsExtension).ToList();

        message.WireOrder.Clear();
        message.WireOrder.AddRange(baseFields);
        message.WireOrder.AddRange(extensions);

        var offset = 0;
        foreach (var field in message.WireOrder)
        {
            field.Offset = offset;
            offset += field.WireLength;
            if (!field.IsExtension)
            {
                message.MinLength = offset;
            }
        }
        message.MaxLength = offset;
        message.CrcExtra = ComputeCrcExtra(message.Name, baseFields);
    }

    private static byte ComputeCrcExtra(string name, System.Collections.Generic.IEnumerable<FieldDefinition> baseFields)
    {
        var crc = X25Crc.Initial;
        crc = X25Crc.Accumulate(crc, name + " ");
        foreach (var field in baseFields)
        {
            crc = X25Crc.Accumulate(crc, field.TypeName + " ");
            crc = X25Crc.Accumulate(crc, field.Name + " ");
            if (field.ArrayLength > 0)
            {
                crc = X25Crc.Accumulate(crc, (byte)field.ArrayLength);
            }
        }
        return (byte)((crc & 0xFF) ^ (crc >> 8));
    }
}

/// <summary>CRC-16/MCRF4XX (the X.25 variant MAVLink calls x25): reflected polynomial 0x8408, initial 0xFFFF.</summary>
internal static class X25Crc
{
    public const ushort Initial = 0xFFFF;

    public static ushort Accumulate(ushort crc, byte value)
    {
        var tmp = (byte)(value ^ (byte)(crc & 0xFF));
        tmp ^= (byte)(tmp << 4);
        return (ushort)((crc >> 8) ^ (tmp << 8) ^ (tmp << 3) ^ (tmp >> 4));
    }

    public static ushort Accumulate(ushort crc, string text)
    {
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            crc = Accumulate(crc, b);
        }
        return crc;
    }
}
