using RafeCast.Mavlink.Signing;

namespace RafeCast.Mavlink.Framing;

/// <summary>
/// Builds frames for one sender on one link: its system and component id, its own sequence numbers, the
/// protocol version and optional signing. Thread-safe; each frame gets the next sequence number.
/// </summary>
public sealed class MavlinkFrameWriter
{
    private int _sequence = -1;

    public MavlinkFrameWriter(byte systemId, byte componentId, MavlinkVersion version = MavlinkVersion.V2, MavlinkSigner? signer = null)
    {
        if (signer is not null && version != MavlinkVersion.V2)
        {
            throw new ArgumentException("Only MAVLink 2 frames can be signed.", nameof(signer));
        }
        SystemId = systemId;
        ComponentId = componentId;
        Version = version;
        Signer = signer;
    }

    public byte SystemId { get; }

    public byte ComponentId { get; }

    public MavlinkVersion Version { get; }

    /// <summary>Signs every frame when set (MAVLink 2 only).</summary>
    public MavlinkSigner? Signer { get; }

    /// <summary>Frames written so far.</summary>
    public long FramesWritten => Volatile.Read(ref _sequence) + 1L;

    /// <summary>
    /// Writes <paramref name="message"/> as a frame into <paramref name="destination"/> (at least
    /// <see cref="MavlinkProtocol.MaxFrameLength"/> bytes is always enough) and returns the frame length.
    /// </summary>
    public int Write<TMessage>(in TMessage message, Span<byte> destination)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        Span<byte> payload = stackalloc byte[TMessage.MaxLength];
        message.Serialize(payload);
        if (Version == MavlinkVersion.V1)
        {
            // MAVLink 1 carries only the base fields.
            payload = payload[..TMessage.MinLength];
        }
        return WriteFrame(destination, TMessage.MessageId, TMessage.CrcExtra, payload);
    }

    /// <summary>Writes an already serialized payload (full length; MAVLink 2 truncation is applied here).</summary>
    public int WriteFrame(Span<byte> destination, uint messageId, byte crcExtra, ReadOnlySpan<byte> payload)
    {
        var sequence = (byte)Interlocked.Increment(ref _sequence);
        return MavlinkFrames.Write(destination, Version, sequence, SystemId, ComponentId, messageId, crcExtra, payload, Signer);
    }

    /// <summary>A new array holding the frame for <paramref name="message"/>.</summary>
    public byte[] ToFrame<TMessage>(in TMessage message)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        Span<byte> buffer = stackalloc byte[MavlinkProtocol.MaxFrameLength];
        return buffer[..Write(message, buffer)].ToArray();
    }
}

/// <summary>Frame assembly without sender state, for tools and tests that need to set every header field.</summary>
public static class MavlinkFrames
{
    /// <summary>
    /// Writes a frame and returns its length. MAVLink 2 payloads lose trailing zero bytes (keeping at least
    /// one), as the spec's payload truncation requires.
    /// </summary>
    public static int Write(
        Span<byte> destination,
        MavlinkVersion version,
        byte sequence,
        byte systemId,
        byte componentId,
        uint messageId,
        byte crcExtra,
        ReadOnlySpan<byte> payload,
        MavlinkSigner? signer = null,
        byte compatFlags = 0)
    {
        if (payload.Length > MavlinkProtocol.MaxPayloadLength)
        {
            throw new ArgumentException($"A payload holds at most {MavlinkProtocol.MaxPayloadLength} bytes; got {payload.Length}.", nameof(payload));
        }
        int headerLength;
        if (version == MavlinkVersion.V2)
        {
            if (messageId > 0xFFFFFF)
            {
                throw new ArgumentOutOfRangeException(nameof(messageId), messageId, "MAVLink 2 message ids have 24 bits.");
            }
            var length = payload.Length;
            while (length > 1 && payload[length - 1] == 0)
            {
                length--;
            }
            payload = payload[..length];
            headerLength = MavlinkProtocol.HeaderLengthV2;
            var needed = headerLength + payload.Length + MavlinkProtocol.ChecksumLength + (signer is null ? 0 : MavlinkProtocol.SignatureLength);
            EnsureRoom(destination, needed);
            destination[0] = MavlinkProtocol.StxV2;
            destination[1] = (byte)payload.Length;
            destination[2] = signer is null ? (byte)0 : MavlinkProtocol.IncompatFlagSigned;
            destination[3] = compatFlags;
            destination[4] = sequence;
            destination[5] = systemId;
            destination[6] = componentId;
            destination[7] = (byte)messageId;
            destination[8] = (byte)(messageId >> 8);
            destination[9] = (byte)(messageId >> 16);
        }
        else
        {
            if (messageId > byte.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(messageId), messageId, "MAVLink 1 carries message ids 0 to 255 only.");
            }
            if (signer is not null)
            {
                throw new ArgumentException("Only MAVLink 2 frames can be signed.", nameof(signer));
            }
            headerLength = MavlinkProtocol.HeaderLengthV1;
            EnsureRoom(destination, headerLength + payload.Length + MavlinkProtocol.ChecksumLength);
            destination[0] = MavlinkProtocol.StxV1;
            destination[1] = (byte)payload.Length;
            destination[2] = sequence;
            destination[3] = systemId;
            destination[4] = componentId;
            destination[5] = (byte)messageId;
        }
        payload.CopyTo(destination[headerLength..]);
        var end = headerLength + payload.Length;
        var crc = MavlinkCrc.Compute(destination[1..end], crcExtra);
        destination[end] = (byte)crc;
        destination[end + 1] = (byte)(crc >> 8);
        var total = end + MavlinkProtocol.ChecksumLength;
        if (signer is not null)
        {
            total += MavlinkProtocol.SignatureLength;
            signer.Sign(destination[..total]);
        }
        return total;
    }

    private static void EnsureRoom(Span<byte> destination, int needed)
    {
        if (destination.Length < needed)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; the frame needs {needed}.", nameof(destination));
        }
    }
}
