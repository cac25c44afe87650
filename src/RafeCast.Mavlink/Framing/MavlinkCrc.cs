using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RafeCast.Mavlink.Framing;

/// <summary>
/// CRC-16/MCRF4XX, the checksum MAVLink calls X.25: reflected polynomial 0x1021 (0x8408), initial value
/// 0xFFFF, no final XOR. Computed eight bytes at a time ("slicing-by-8") so the per-byte table lookups
/// do not wait on each other; frames are short, so this is most of the parser's work.
/// </summary>
public static class MavlinkCrc
{
    /// <summary>The initial CRC value.</summary>
    public const ushort Seed = 0xFFFF;

    // Eight 256-entry tables back to back: table k gives the effect of a byte followed by k zero bytes.
    private static readonly ushort[] Tables = BuildTables();

    /// <summary>CRC of <paramref name="data"/> followed by the message's CRC_EXTRA byte, as a frame carries it.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data, byte crcExtra) => Accumulate(Accumulate(Seed, data), crcExtra);

    /// <summary>Adds one byte to <paramref name="crc"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Accumulate(ushort crc, byte value)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Tables);
        return (ushort)((crc >> 8) ^ Unsafe.Add(ref table, (byte)(crc ^ value)));
    }

    /// <summary>Adds <paramref name="data"/> to <paramref name="crc"/>.</summary>
    public static ushort Accumulate(ushort crc, ReadOnlySpan<byte> data)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Tables);
        ref var source = ref MemoryMarshal.GetReference(data);
        var length = data.Length;
        var i = 0;
        uint c = crc;
        for (; i + 8 <= length; i += 8)
        {
            var block = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, i));
            if (!BitConverter.IsLittleEndian)
            {
                block = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(block);
            }
            block ^= c;
            c = (uint)(Unsafe.Add(ref table, (7 * 256) + (int)(block & 0xFF))
                ^ Unsafe.Add(ref table, (6 * 256) + (int)((block >> 8) & 0xFF))
                ^ Unsafe.Add(ref table, (5 * 256) + (int)((block >> 16) & 0xFF))
                ^ Unsafe.Add(ref table, (4 * 256) + (int)((block >> 24) & 0xFF))
                ^ Unsafe.Add(ref table, (3 * 256) + (int)((block >> 32) & 0xFF))
                ^ Unsafe.Add(ref table, (2 * 256) + (int)((block >> 40) & 0xFF))
                ^ Unsafe.Add(ref table, 256 + (int)((block >> 48) & 0xFF))
                ^ Unsafe.Add(ref table, (int)(block >> 56)));
        }
        for (; i < length; i++)
        {
            c = (c >> 8) ^ Unsafe.Add(ref table, (int)((c ^ Unsafe.Add(ref source, i)) & 0xFF));
        }
        return (ushort)c;
    }

    private static ushort[] BuildTables()
    {
        var tables = new ushort[8 * 256];
        for (var i = 0; i < 256; i++)
        {
            // The bitwise definition, from which the tables follow.
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }
            tables[i] = crc;
        }
        for (var k = 1; k < 8; k++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[((k - 1) * 256) + i];
                tables[(k * 256) + i] = (ushort)((previous >> 8) ^ tables[previous & 0xFF]);
            }
        }
        return tables;
    }
}
