using System.Security.Cryptography;
using RafeCast.Mavlink.Framing;

namespace RafeCast.Mavlink.Signing;

/// <summary>
/// The MAVLink 2 signature (https://mavlink.io/en/guide/message_signing.html): the first 6 bytes of
/// SHA-256(secret key + header + payload + checksum + link id + timestamp), with a 48-bit timestamp in 10 µs
/// units since 2015-01-01 00:00:00 UTC.
/// </summary>
public static class MavlinkSignature
{
    /// <summary>The signing epoch.</summary>
    public static readonly DateTimeOffset Epoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Largest timestamp that fits the 48-bit field.</summary>
    public const ulong MaxTimestamp = (1UL << 48) - 1;

    /// <summary>Timestamps within this many units (60 s) behind local time are accepted for a new stream.</summary>
    public const ulong NewStreamWindow = 6_000_000;

    /// <summary>The signing timestamp of <paramref name="time"/> (10 µs units since 2015-01-01 UTC).</summary>
    public static ulong TimestampOf(DateTimeOffset time)
    {
        var ticks = (time - Epoch).Ticks;
        return ticks <= 0 ? 0 : Math.Min((ulong)(ticks / 100), MaxTimestamp);
    }

    /// <summary>The UTC time of a signing timestamp.</summary>
    public static DateTimeOffset TimeOf(ulong timestamp) => Epoch.AddTicks((long)Math.Min(timestamp, MaxTimestamp) * 100);

    /// <summary>
    /// Computes the 6-byte signature of <paramref name="signedPart"/> (the frame from its start byte through the
    /// link id and timestamp, i.e. everything but the last 6 bytes) into <paramref name="destination"/>.
    /// </summary>
    public static void Compute(MavlinkSigningKey key, ReadOnlySpan<byte> signedPart, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> buffer = stackalloc byte[MavlinkSigningKey.Length + MavlinkProtocol.MaxFrameLength];
        key.Secret.CopyTo(buffer);
        signedPart.CopyTo(buffer[MavlinkSigningKey.Length..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer[..(MavlinkSigningKey.Length + signedPart.Length)], hash);
        buffer.Clear();
        hash[..6].CopyTo(destination);
    }

    /// <summary>True when the signed frame <paramref name="frame"/> carries the signature <paramref name="key"/> gives it.</summary>
    public static bool Matches(MavlinkSigningKey key, ReadOnlySpan<byte> frame)
    {
        if (frame.Length < MavlinkProtocol.HeaderLengthV2 + MavlinkProtocol.ChecksumLength + MavlinkProtocol.SignatureLength)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[6];
        Compute(key, frame[..^6], expected);
        return CryptographicOperations.FixedTimeEquals(expected, frame[^6..]);
    }
}
