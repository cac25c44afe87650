using System.Runtime.CompilerServices;

namespace RafeCast.Mavlink.Framing;

internal enum FrameCheckResult
{
    Valid,
    BadChecksum,
    IncompatibleFlags,
    UnknownMessage,
    UnknownMessageIncompatibleFlags,
}

/// <summary>Checks one complete candidate frame against a dialect: checksum with CRC_EXTRA, incompatibility flags.</summary>
internal static class FrameCheck
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FrameCheckResult Check(ReadOnlySpan<byte> candidate, MavlinkDialect dialect, out MavlinkMessageInfo? info)
    {
        var v2 = candidate[0] == MavlinkProtocol.StxV2;
        var headerLength = v2 ? MavlinkProtocol.HeaderLengthV2 : MavlinkProtocol.HeaderLengthV1;
        var payloadLength = candidate[1];
        var messageId = v2 ? (uint)(candidate[7] | (candidate[8] << 8) | (candidate[9] << 16)) : candidate[5];
        var knownFlags = !v2 || (candidate[2] & ~MavlinkProtocol.IncompatFlagSigned) == 0;
        info = dialect.Find(messageId);
        if (info is null)
        {
            return knownFlags ? FrameCheckResult.UnknownMessage : FrameCheckResult.UnknownMessageIncompatibleFlags;
        }
        var crc = MavlinkCrc.Compute(candidate.Slice(1, headerLength - 1 + payloadLength), info.CrcExtra);
        var end = headerLength + payloadLength;
        if ((candidate[end] | (candidate[end + 1] << 8)) != crc)
        {
            info = null;
            return FrameCheckResult.BadChecksum;
        }
        return knownFlags ? FrameCheckResult.Valid : FrameCheckResult.IncompatibleFlags;
    }
}
