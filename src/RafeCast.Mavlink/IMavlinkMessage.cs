namespace RafeCast.Mavlink;

/// <summary>
/// A MAVLink message type generated from dialect XML. Static members describe the definition; instances hold
/// the field values and serialize to the payload wire format (little-endian, fields in wire order).
/// </summary>
/// <typeparam name="TSelf">The message struct itself.</typeparam>
public interface IMavlinkMessage<TSelf>
    where TSelf : struct, IMavlinkMessage<TSelf>
{
    /// <summary>The message id (0 to 16,777,215; MAVLink 1 carries only 0 to 255).</summary>
    static abstract uint MessageId { get; }

    /// <summary>The CRC_EXTRA seed computed from the message name and base fields.</summary>
    static abstract byte CrcExtra { get; }

    /// <summary>Payload bytes without extension fields: the MAVLink 1 length.</summary>
    static abstract int MinLength { get; }

    /// <summary>Payload bytes with every extension field.</summary>
    static abstract int MaxLength { get; }

    /// <summary>Name and field layout.</summary>
    static abstract MavlinkMessageInfo Info { get; }

    /// <summary>Reads a payload; a payload shorter than <see cref="MaxLength"/> reads as if zero-padded.</summary>
    static abstract TSelf Deserialize(ReadOnlySpan<byte> payload);

    /// <summary>Writes the full payload (<see cref="MaxLength"/> bytes) and returns its length.</summary>
    int Serialize(Span<byte> destination);
}

/// <summary>
/// Receives a decoded message of whatever type a frame held (see <c>MavlinkMessages.Dispatch</c>). Implement it
/// on a struct to keep decoding allocation-free.
/// </summary>
public interface IMavlinkMessageVisitor
{
    void Visit<TMessage>(in TMessage message)
        where TMessage : struct, IMavlinkMessage<TMessage>;
}
