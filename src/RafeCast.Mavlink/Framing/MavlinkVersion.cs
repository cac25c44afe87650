namespace RafeCast.Mavlink.Framing;

/// <summary>MAVLink wire format: version 1 (start byte 0xFE) or 2 (start byte 0xFD).</summary>
public enum MavlinkVersion
{
    V1 = 1,
    V2 = 2,
}

/// <summary>Sizes and markers of the two frame formats (https://mavlink.io/en/guide/serialization.html).</summary>
public static class MavlinkProtocol
{
    public const byte StxV1 = 0xFE;
    public const byte StxV2 = 0xFD;
    public const int HeaderLengthV1 = 6;
    public const int HeaderLengthV2 = 10;
    public const int ChecksumLength = 2;
    public const int SignatureLength = 13;
    public const int MaxPayloadLength = 255;

    /// <summary>The longest possible frame: a signed MAVLink 2 frame with a 255-byte payload.</summary>
    public const int MaxFrameLength = HeaderLengthV2 + MaxPayloadLength + ChecksumLength + SignatureLength;

    /// <summary>The incompatibility flag that says a signature follows the checksum; the only one defined.</summary>
    public const byte IncompatFlagSigned = 0x01;
}
