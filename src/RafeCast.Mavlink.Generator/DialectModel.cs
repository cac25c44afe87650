using System.Collections.Generic;

namespace RafeCast.Mavlink.Generator;

/// <summary>The primitive wire types of the MAVLink XML schema.</summary>
internal enum WireType
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

/// <summary>One dialect file as the compiler hands it over: its path and text.</summary>
internal sealed class DialectSource
{
    public DialectSource(string path, string text)
    {
        Path = path;
        Text = text;
    }

    public string Path { get; }

    public string Text { get; }
}

/// <summary>A problem in a dialect file, reported as a compiler error naming the file.</summary>
internal sealed class DialectError
{
    public DialectError(string file, int line, string message)
    {
        File = file;
        Line = line;
        Message = message;
    }

    public string File { get; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    public string Message { get; }

    public override string ToString() => Line > 0 ? $"{File}({Line}): {Message}" : $"{File}: {Message}";
}

internal sealed class FieldDefinition
{
    public FieldDefinition(string name, string typeName, WireType type, int arrayLength, bool isExtension)
    {
        Name = name;
        TypeName = typeName;
        Type = type;
        ArrayLength = arrayLength;
        IsExtension = isExtension;
    }

    /// <summary>Field name exactly as in the XML.</summary>
    public string Name { get; }

    /// <summary>Base type as it enters CRC_EXTRA ("uint8_t", "char", ...), without the array suffix.</summary>
    public string TypeName { get; }

    public WireType Type { get; }

    /// <summary>Element count for arrays, 0 for scalars.</summary>
    public int ArrayLength { get; }

    public bool IsExtension { get; }

    /// <summary>The special <c>uint8_t_mavlink_version</c> field of HEARTBEAT.</summary>
    public bool IsMavlinkVersion { get; set; }

    public string? Enum { get; set; }

    public string? Units { get; set; }

    public string? Invalid { get; set; }

    public string Description { get; set; } = string.Empty;

    /// <summary>Size of one element in bytes.</summary>
    public int ElementSize => WireTypes.Size(Type);

    /// <summary>Bytes on the wire (all elements).</summary>
    public int WireLength => ElementSize * (ArrayLength == 0 ? 1 : ArrayLength);

    /// <summary>Byte offset in the payload, set by <see cref="WireLayout"/>.</summary>
    public int Offset { get; set; }
}

internal sealed class MessageDefinition
{
    public MessageDefinition(string name, uint id, string sourceFile)
    {
        Name = name;
        Id = id;
        SourceFile = sourceFile;
    }

    public string Name { get; }

    public uint Id { get; }

    public string SourceFile { get; }

    public string Description { get; set; } = string.Empty;

    public bool IsDeprecated { get; set; }

    /// <summary>Fields in XML order.</summary>
    public List<FieldDefinition> Fields { get; } = new();

    /// <summary>Fields in wire order (set by <see cref="WireLayout"/>).</summary>
    public List<FieldDefinition> WireOrder { get; } = new();

    public byte CrcExtra { get; set; }

    /// <summary>Payload length without extension fields (the MAVLink 1 length).</summary>
    public int MinLength { get; set; }

    /// <summary>Payload length with every extension field.</summary>
    public int MaxLength { get; set; }
}

internal sealed class EnumParam
{
    public EnumParam(int index, string? label, string? units, string description)
    {
        Index = index;
        Label = label;
        Units = units;
        Description = description;
    }

    public int Index { get; }

    public string? Label { get; }

    public string? Units { get; }

    public string Description { get; }
}

internal sealed class EnumEntry
{
    public EnumEntry(string name, ulong value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public ulong Value { get; }

    public string Description { get; set; } = string.Empty;

    public bool IsDeprecated { get; set; }

    public List<EnumParam> Params { get; } = new();
}

internal sealed class EnumDefinition
{
    public EnumDefinition(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public bool IsBitmask { get; set; }

    public string Description { get; set; } = string.Empty;

    public List<EnumEntry> Entries { get; } = new();
}

/// <summary>Every message and enum of a set of dialect files, includes resolved and merged.</summary>
internal sealed class DialectSet
{
    public List<MessageDefinition> Messages { get; } = new();

    public List<EnumDefinition> Enums { get; } = new();

    public List<DialectError> Errors { get; } = new();
}

internal static class WireTypes
{
    public static int Size(WireType type) => type switch
    {
        WireType.Char or WireType.UInt8 or WireType.Int8 => 1,
        WireType.UInt16 or WireType.Int16 => 2,
        WireType.UInt32 or WireType.Int32 or WireType.Float => 4,
        _ => 8,
    };

    public static bool TryParse(string name, out WireType type)
    {
        switch (name)
        {
            case "char": type = WireType.Char; return true;
            case "uint8_t": type = WireType.UInt8; return true;
            case "int8_t": type = WireType.Int8; return true;
            case "uint16_t": type = WireType.UInt16; return true;
            case "int16_t": type = WireType.Int16; return true;
            case "uint32_t": type = WireType.UInt32; return true;
            case "int32_t": type = WireType.Int32; return true;
            case "uint64_t": type = WireType.UInt64; return true;
            case "int64_t": type = WireType.Int64; return true;
            case "float": type = WireType.Float; return true;
            case "double": type = WireType.Double; return true;
            default: type = default; return false;
        }
    }
}
