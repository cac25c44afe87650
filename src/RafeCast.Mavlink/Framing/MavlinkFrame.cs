using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using RafeCast.Core.Vehicles;

namespace RafeCast.Mavlink.Framing;

/// <summary>
/// One received frame, as a view over the bytes it arrived in: valid until the next call on the parser or
/// reader that produced it (copy <see cref="Raw"/> to keep it). The checksum was verified when
/// <see cref="IsKnown"/>; frames of message ids the dialect does not know are handed up unverified so
/// they can still be routed.
/// </summary>
public readonly ref struct MavlinkFrame
{
    private readonly ReadOnlySpan<byte> _raw;
    private readonly MavlinkMessageInfo? _info;

    internal MavlinkFrame(ReadOnlySpan<byte> raw, MavlinkMessageInfo? info)
    {
        _raw = raw;
        _info = info;
    }

    /// <summary>The whole frame: start byte to checksum, plus the signature when signed.</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    /// <summary>True for a frame produced by a parser; false for <c>default</c>.</summary>
    public bool IsEmpty => _raw.IsEmpty;

    public MavlinkVersion Version => _raw[0] == MavlinkProtocol.StxV2 ? MavlinkVersion.V2 : MavlinkVersion.V1;

    private bool IsV2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _raw[0] == MavlinkProtocol.StxV2;
    }

    private int HeaderLength => IsV2 ? MavlinkProtocol.HeaderLengthV2 : MavlinkProtocol.HeaderLengthV1;

    /// <summary>Payload length as sent (after MAVLink 2 truncation).</summary>
    public int PayloadLength => _raw[1];

    /// <summary>MAVLink 2 incompatibility flags (0 for MAVLink 1).</summary>
    public byte IncompatFlags => IsV2 ? _raw[2] : (byte)0;

    /// <summary>MAVLink 2 compatibility flags (0 for MAVLink 1).</summary>
    public byte CompatFlags => IsV2 ? _raw[3] : (byte)0;

    /// <summary>The sender's packet sequence number (wraps at 255).</summary>
    public byte Sequence => IsV2 ? _raw[4] : _raw[2];

    public byte SystemId => IsV2 ? _raw[5] : _raw[3];

    public byte ComponentId => IsV2 ? _raw[6] : _raw[4];

    /// <summary>The sending component.</summary>
    public VehicleId Source => new(SystemId, ComponentId);

    public uint MessageId
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => IsV2 ? (uint)(_raw[7] | (_raw[8] << 8) | (_raw[9] << 16)) : _raw[5];
    }

    /// <summary>The payload bytes as received (a truncated MAVLink 2 payload is shorter than the message).</summary>
    public ReadOnlySpan<byte> Payload => _raw.Slice(HeaderLength, _raw[1]);

    /// <summary>The checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16LittleEndian(_raw.Slice(HeaderLength + _raw[1], 2));

    /// <summary>True when the checksum was verified against the dialect's CRC_EXTRA.</summary>
    public bool IsKnown => _info is not null;

    /// <summary>The message definition, or null for an id the dialect does not know.</summary>
    public MavlinkMessageInfo? Info => _info;

    /// <summary>True when a MAVLink 2 signature follows the checksum (it is not verified here; see <see cref="Signing.MavlinkSignatureVerifier"/>).</summary>
    public bool IsSigned => IsV2 && (_raw[2] & MavlinkProtocol.IncompatFlagSigned) != 0;

    /// <summary>The 13-byte signature block (link id, timestamp, signature), empty when unsigned.</summary>
    public ReadOnlySpan<byte> SignatureBlock => IsSigned ? _raw[^MavlinkProtocol.SignatureLength..] : default;

    /// <summary>The signing link id, 0 when unsigned.</summary>
    public byte SignatureLinkId => IsSigned ? _raw[^MavlinkProtocol.SignatureLength] : (byte)0;

    /// <summary>The signing timestamp in 10 µs units since 2015-01-01 00:00 UTC, 0 when unsigned.</summary>
    public ulong SignatureTimestamp
    {
        get
        {
            if (!IsSigned)
            {
                return 0;
            }
            var bytes = _raw.Slice(_raw.Length - MavlinkProtocol.SignatureLength + 1, 6);
            return bytes[0] | ((ulong)bytes[1] << 8) | ((ulong)bytes[2] << 16) | ((ulong)bytes[3] << 24) | ((ulong)bytes[4] << 32) | ((ulong)bytes[5] << 40);
        }
    }

    /// <summary>True when this frame carries a <typeparamref name="TMessage"/>.</summary>
    public bool Is<TMessage>()
        where TMessage : struct, IMavlinkMessage<TMessage> =>
        _info is not null && MessageId == TMessage.MessageId;

    /// <summary>Decodes the payload as <typeparamref name="TMessage"/> when the frame carries one.</summary>
    public bool TryDecode<TMessage>(out TMessage message)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        if (_info is not null && MessageId == TMessage.MessageId)
        {
            message = TMessage.Deserialize(Payload);
            return true;
        }
        message = default;
        return false;
    }

    /// <summary>A copy of the frame that outlives the buffer it arrived in.</summary>
    public byte[] ToArray() => _raw.ToArray();

    public override string ToString() =>
        _raw.IsEmpty ? "(no frame)" : $"v{(int)Version} seq {Sequence} {SystemId}/{ComponentId} {(_info?.Name ?? "#" + MessageId)} ({PayloadLength} bytes{(IsSigned ? ", signed" : string.Empty)})";
}
