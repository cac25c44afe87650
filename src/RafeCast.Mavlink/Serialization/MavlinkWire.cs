using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace RafeCast.Mavlink.Serialization;

/// <summary>
/// Little-endian reads and writes at byte offsets, used by the generated messages. Callers check the
/// span length once for the whole payload, so these do no bounds checks of their own.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MavlinkWire
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte ReadUInt8(ref byte source, int offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static sbyte ReadInt8(ref byte source, int offset) => (sbyte)Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort ReadUInt16(ref byte source, int offset) => Le(Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref source, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static short ReadInt16(ref byte source, int offset) => (short)ReadUInt16(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ReadUInt32(ref byte source, int offset) => Le(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadInt32(ref byte source, int offset) => (int)ReadUInt32(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ReadUInt64(ref byte source, int offset) => Le(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ReadInt64(ref byte source, int offset) => (long)ReadUInt64(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReadSingle(ref byte source, int offset) => BitConverter.UInt32BitsToSingle(ReadUInt32(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReadDouble(ref byte source, int offset) => BitConverter.UInt64BitsToDouble(ReadUInt64(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt8(ref byte destination, int offset, byte value) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt8(ref byte destination, int offset, sbyte value) => Unsafe.Add(ref destination, offset) = (byte)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt16(ref byte destination, int offset, ushort value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, offset), Le(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt16(ref byte destination, int offset, short value) => WriteUInt16(ref destination, offset, (ushort)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt32(ref byte destination, int offset, uint value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, offset), Le(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt32(ref byte destination, int offset, int value) => WriteUInt32(ref destination, offset, (uint)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt64(ref byte destination, int offset, ulong value) => Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, offset), Le(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt64(ref byte destination, int offset, long value) => WriteUInt64(ref destination, offset, (ulong)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteSingle(ref byte destination, int offset, float value) => WriteUInt32(ref destination, offset, BitConverter.SingleToUInt32Bits(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteDouble(ref byte destination, int offset, double value) => WriteUInt64(ref destination, offset, BitConverter.DoubleToUInt64Bits(value));

    /// <summary>Thrown by a message's Serialize when the destination cannot hold its payload.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowDestinationTooSmall(int length, int needed) =>
        throw new ArgumentException($"The destination holds {length} bytes; the payload needs {needed}.", "destination");

    // MAVLink is little-endian on the wire; on little-endian hosts these fold away.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Le(ushort value) => BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Le(uint value) => BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Le(ulong value) => BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
}
