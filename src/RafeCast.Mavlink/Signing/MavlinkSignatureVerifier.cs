using RafeCast.Mavlink.Framing;

namespace RafeCast.Mavlink.Signing;

/// <summary>Outcome of checking a frame's signature.</summary>
public enum SignatureCheck
{
    /// <summary>Signed with our key, and not a replay.</summary>
    Valid,

    /// <summary>The frame carries no signature.</summary>
    Unsigned,

    /// <summary>The frame is signed but there is no key to check it with.</summary>
    NotVerified,

    /// <summary>The signature does not match our key (or the frame was altered).</summary>
    BadSignature,

    /// <summary>The timestamp is not later than the last one accepted from the same stream.</summary>
    Replayed,

    /// <summary>First frame of a stream, with a timestamp more than 60 s behind local time.</summary>
    StaleNewStream,
}

/// <summary>
/// Verifies incoming signatures and enforces the spec's replay rules per stream (system id, component id,
/// link id): timestamps strictly increase within a stream; a new stream is accepted only when its first
/// timestamp is no more than 60 s behind the local timestamp, which is the clock or the latest accepted
/// timestamp, whichever is later.
/// </summary>
public sealed class MavlinkSignatureVerifier
{
    private readonly Lock _gate = new();
    private readonly Dictionary<uint, ulong> _streams = [];
    private readonly TimeProvider _time;
    private ulong _highestAccepted;

    public MavlinkSignatureVerifier(MavlinkSigningKey key, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        _time = time ?? TimeProvider.System;
    }

    public MavlinkSigningKey Key { get; }

    /// <summary>Number of streams seen so far.</summary>
    public int StreamCount
    {
        get
        {
            lock (_gate)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>The local timestamp new streams are measured against.</summary>
    public ulong LocalTimestamp
    {
        get
        {
            var now = MavlinkSignature.TimestampOf(_time.GetUtcNow());
            lock (_gate)
            {
                return Math.Max(now, _highestAccepted);
            }
        }
    }

    /// <summary>Checks <paramref name="frame"/>; a valid frame advances its stream's timestamp.</summary>
    public SignatureCheck Check(in MavlinkFrame frame)
    {
        if (!frame.IsSigned)
        {
            return SignatureCheck.Unsigned;
        }
        if (!MavlinkSignature.Matches(Key, frame.Raw))
        {
            return SignatureCheck.BadSignature;
        }
        var timestamp = frame.SignatureTimestamp;
        var stream = ((uint)frame.SystemId << 16) | ((uint)frame.ComponentId << 8) | frame.SignatureLinkId;
        var now = MavlinkSignature.TimestampOf(_time.GetUtcNow());
        lock (_gate)
        {
            if (_streams.TryGetValue(stream, out var last))
            {
                if (timestamp <= last)
                {
                    return SignatureCheck.Replayed;
                }
            }
            else
            {
                var local = Math.Max(now, _highestAccepted);
                if (timestamp + MavlinkSignature.NewStreamWindow < local)
                {
                    return SignatureCheck.StaleNewStream;
                }
            }
            _streams[stream] = timestamp;
            _highestAccepted = Math.Max(_highestAccepted, timestamp);
            return SignatureCheck.Valid;
        }
    }
}
