using System.Collections.Frozen;
using RafeCast.Mavlink.Serialization;

namespace RafeCast.Mavlink;

/// <summary>Primitive wire types of MAVLink fields.</summary>
public enum MavlinkFieldType
{
    Char,
    UInt8,
    Int8,
    UInt16,
    Int16,
    UInt32,
    Int32,
    UInt64,
    Int64,
    Float,
    Double,
}

/// <summary>
/// One field of a message definition: its XML name, type, and where it sits in the payload. Reads values
/// straight from a payload, treating bytes past the payload's end as zero (MAVLink 2 truncation).
/// </summary>
public sealed class MavlinkFieldInfo(string name, MavlinkFieldType type, int arrayLength, int offset, bool isExtension, string? units, string? enumName)
{
    /// <summary>The field name exactly as in the dialect XML (e.g. <c>time_boot_ms</c>).</summary>
    public string Name { get; } = name;

    public MavlinkFieldType Type { get; } = type;

    /// <summary>Element count of an array field; 0 for a scalar.</summary>
    public int ArrayLength { get; } = arrayLength;

    /// <summary>Byte offset of the field in the (untruncated) payload.</summary>
    public int Offset { get; } = offset;

    /// <summary>True for fields after <c>&lt;extensions/&gt;</c>: MAVLink 2 only.</summary>
    public bool IsExtension { get; } = isExtension;

    /// <summary>The XML <c>units</c> attribute (e.g. <c>degE7</c>, <c>mm</c>), if any.</summary>
    public string? Units { get; } = units;

    /// <summary>The XML <c>enum</c> attribute, if any.</summary>
    public string? EnumName { get; } = enumName;

    /// <summary>Size of one element in bytes.</summary>
    public int ElementSize => Type switch
    {
        MavlinkFieldType.Char or MavlinkFieldType.UInt8 or MavlinkFieldType.Int8 => 1,
        MavlinkFieldType.UInt16 or MavlinkFieldType.Int16 => 2,
        MavlinkFieldType.UInt32 or MavlinkFieldType.Int32 or MavlinkFieldType.Float => 4,
        _ => 8,
    };

    /// <summary>Bytes the field occupies on the wire.</summary>
    public int WireLength => ElementSize * Math.Max(1, ArrayLength);

    /// <summary>True for a <c>char[N]</c> field, which reads as text.</summary>
    public bool IsText => Type == MavlinkFieldType.Char && ArrayLength > 0;

    /// <summary>This field's bytes in <paramref name="payload"/>, zero-padded into <paramref name="scratch"/> when the payload was truncated.</summary>
    public ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> payload, Span<byte> scratch)
    {
        if (Offset + WireLength <= payload.Length)
        {
            return payload.Slice(Offset, WireLength);
        }
        var target = scratch[..WireLength];
        target.Clear();
        if (Offset < payload.Length)
        {
            payload[Offset..].CopyTo(target);
        }
        return target;
    }

    /// <summary>Element <paramref name="index"/> of this field as a double (integers convert exactly up to 2^53).</summary>
    public double ReadDouble(ReadOnlySpan<byte> payload, int index = 0)
    {
        Span<byte> scratch = stackalloc byte[8];
        var bytes = Element(payload, index, scratch);
        ref var b = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bytes);
        return Type switch
        {
            MavlinkFieldType.Char or MavlinkFieldType.UInt8 => MavlinkWire.ReadUInt8(ref b, 0),
            MavlinkFieldType.Int8 => MavlinkWire.ReadInt8(ref b, 0),
            MavlinkFieldType.UInt16 => MavlinkWire.ReadUInt16(ref b, 0),
            MavlinkFieldType.Int16 => MavlinkWire.ReadInt16(ref b, 0),
            MavlinkFieldType.UInt32 => MavlinkWire.ReadUInt32(ref b, 0),
            MavlinkFieldType.Int32 => MavlinkWire.ReadInt32(ref b, 0),
            MavlinkFieldType.UInt64 => MavlinkWire.ReadUInt64(ref b, 0),
            MavlinkFieldType.Int64 => MavlinkWire.ReadInt64(ref b, 0),
            MavlinkFieldType.Float => MavlinkWire.ReadSingle(ref b, 0),
            _ => MavlinkWire.ReadDouble(ref b, 0),
        };
    }

    /// <summary>Element <paramref name="index"/> of an integer field as a signed 64-bit value.</summary>
    public long ReadInt64(ReadOnlySpan<byte> payload, int index = 0)
    {
        Span<byte> scratch = stackalloc byte[8];
        var bytes = Element(payload, index, scratch);
        ref var b = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bytes);
        return Type switch
        {
            MavlinkFieldType.Char or MavlinkFieldType.UInt8 => MavlinkWire.ReadUInt8(ref b, 0),
            MavlinkFieldType.Int8 => MavlinkWire.ReadInt8(ref b, 0),
            MavlinkFieldType.UInt16 => MavlinkWire.ReadUInt16(ref b, 0),
            MavlinkFieldType.Int16 => MavlinkWire.ReadInt16(ref b, 0),
            MavlinkFieldType.UInt32 => MavlinkWire.ReadUInt32(ref b, 0),
            MavlinkFieldType.Int32 => MavlinkWire.ReadInt32(ref b, 0),
            MavlinkFieldType.UInt64 => (long)MavlinkWire.ReadUInt64(ref b, 0),
            MavlinkFieldType.Int64 => MavlinkWire.ReadInt64(ref b, 0),
            MavlinkFieldType.Float => (long)MavlinkWire.ReadSingle(ref b, 0),
            _ => (long)MavlinkWire.ReadDouble(ref b, 0),
        };
    }

    /// <summary>Element <paramref name="index"/> of a <c>uint64_t</c> field.</summary>
    public ulong ReadUInt64(ReadOnlySpan<byte> payload, int index = 0) =>
        Type == MavlinkFieldType.UInt64 ? unchecked((ulong)ReadInt64(payload, index)) : (ulong)ReadInt64(payload, index);

    /// <summary>The text of a <c>char[N]</c> field (up to the first NUL).</summary>
    public string ReadText(ReadOnlySpan<byte> payload)
    {
        Span<byte> scratch = stackalloc byte[WireLength];
        return MavlinkText.Decode(Slice(payload, scratch));
    }

    private ReadOnlySpan<byte> Element(ReadOnlySpan<byte> payload, int index, Span<byte> scratch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Math.Max(1, ArrayLength));
        var offset = Offset + (index * ElementSize);
        if (offset + ElementSize <= payload.Length)
        {
            return payload.Slice(offset, ElementSize);
        }
        var target = scratch[..ElementSize];
        target.Clear();
        if (offset < payload.Length)
        {
            payload[offset..].CopyTo(target);
        }
        return target;
    }

    public override string ToString() => ArrayLength > 0 ? $"{Type}[{ArrayLength}] {Name}" : $"{Type} {Name}";
}

/// <summary>A message definition: id, name, CRC_EXTRA, payload lengths and fields (in XML order).</summary>
public sealed class MavlinkMessageInfo(uint id, string name, byte crcExtra, int minLength, int maxLength, Type clrType, MavlinkFieldInfo[] fields)
{
    public uint Id { get; } = id;

    /// <summary>The XML name, e.g. <c>GLOBAL_POSITION_INT</c>.</summary>
    public string Name { get; } = name;

    public byte CrcExtra { get; } = crcExtra;

    /// <summary>Payload bytes without extension fields (the MAVLink 1 length).</summary>
    public int MinLength { get; } = minLength;

    /// <summary>Payload bytes with every extension field.</summary>
    public int MaxLength { get; } = maxLength;

    /// <summary>The generated struct.</summary>
    public Type ClrType { get; } = clrType;

    /// <summary>Fields in XML order (each knows its wire offset).</summary>
    public IReadOnlyList<MavlinkFieldInfo> Fields { get; } = fields;

    public override string ToString() => $"{Name} ({Id})";
}

/// <summary>
/// A set of message definitions, looked up by id on the parser's hot path (CRC_EXTRA) and by id or name
/// elsewhere. The generated <c>MavlinkMessages.Dialect</c> holds every message of the dialect XML files.
/// </summary>
public sealed class MavlinkDialect
{
    // Dense table for the ids telemetry uses (all of common.xml is below 65,536); a dictionary for the rest.
    private const uint DenseLimit = 1 << 16;
    private readonly MavlinkMessageInfo?[] _dense;
    private readonly FrozenDictionary<uint, MavlinkMessageInfo> _sparse;
    private readonly FrozenDictionary<string, MavlinkMessageInfo> _byName;

    public MavlinkDialect(IEnumerable<MavlinkMessageInfo> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var all = messages.ToArray();
        Messages = all;
        var maxDense = all.Where(m => m.Id < DenseLimit).Select(m => (int)m.Id).DefaultIfEmpty(-1).Max();
        _dense = new MavlinkMessageInfo?[maxDense + 1];
        var sparse = new Dictionary<uint, MavlinkMessageInfo>();
        foreach (var message in all)
        {
            if (message.Id < DenseLimit)
            {
                if (_dense[message.Id] is not null)
                {
                    throw new ArgumentException($"Message id {message.Id} appears twice ({_dense[message.Id]!.Name}, {message.Name}).", nameof(messages));
                }
                _dense[message.Id] = message;
            }
            else if (!sparse.TryAdd(message.Id, message))
            {
                throw new ArgumentException($"Message id {message.Id} appears twice.", nameof(messages));
            }
        }
        _sparse = sparse.ToFrozenDictionary();
        _byName = all.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
    }

    /// <summary>Every message, in id order.</summary>
    public IReadOnlyList<MavlinkMessageInfo> Messages { get; }

    /// <summary>The definition of message <paramref name="id"/>, or null when this dialect does not know it.</summary>
    public MavlinkMessageInfo? Find(uint id)
    {
        var dense = _dense;
        if (id < (uint)dense.Length)
        {
            return dense[id];
        }
        return id >= DenseLimit && _sparse.TryGetValue(id, out var info) ? info : null;
    }

    /// <summary>The definition named <paramref name="name"/> (XML name, e.g. <c>HEARTBEAT</c>), or null.</summary>
    public MavlinkMessageInfo? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>A dialect with this one's messages plus <paramref name="others"/> (for custom messages).</summary>
    public MavlinkDialect With(IEnumerable<MavlinkMessageInfo> others) => new(Messages.Concat(others));
}
