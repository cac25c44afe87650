using RafeCast.Mavlink.Framing;

namespace RafeCast.Mavlink.Signing;

/// <summary>
/// Signs outgoing MAVLink 2 frames of one link with one key. Timestamps follow the local clock and never
/// repeat or go backwards, even when the clock does or frames are sent faster than 100 kHz.
/// </summary>
public sealed class MavlinkSigner
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private ulong _lastTimestamp;

    public MavlinkSigner(MavlinkSigningKey key, byte linkId, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        LinkId = linkId;
        _time = time ?? TimeProvider.System;
    }

    public MavlinkSigningKey Key { get; }

    /// <summary>The link id written into every signature (0 to 255), one per physical link.</summary>
    public byte LinkId { get; }

    /// <summary>The next signing timestamp: the clock's value, or one past the last one used if that is later.</summary>
    public ulong NextTimestamp()
    {
        var now = MavlinkSignature.TimestampOf(_time.GetUtcNow());
        lock (_gate)
        {
            _lastTimestamp = Math.Max(now, _lastTimestamp + 1);
            return _lastTimestamp;
        }
    }

    /// <summary>
    /// Moves the timestamp forward to <paramref name="timestamp"/> when a verified incoming frame carried a
    /// later one, as the spec asks, so a peer with a faster clock does not see our frames as replays.
    /// </summary>
    public void Observe(ulong timestamp)
    {
        lock (_gate)
        {
            _lastTimestamp = Math.Max(_lastTimestamp, timestamp);
        }
    }

    /// <summary>
    /// Fills the last 13 bytes of <paramref name="frame"/> (a MAVLink 2 frame with the signed flag set and its
    /// checksum written) with link id, timestamp and signature.
    /// </summary>
    public void Sign(Span<byte> frame)
    {
        var block = frame[^MavlinkProtocol.SignatureLength..];
        block[0] = LinkId;
        var timestamp = NextTimestamp();
        for (var i = 0; i < 6; i++)
        {
            block[1 + i] = (byte)(timestamp >> (8 * i));
        }
        MavlinkSignature.Compute(Key, frame[..^6], block[7..]);
    }
}
