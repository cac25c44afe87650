using System.Runtime.CompilerServices;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Mavlink.Framing;

/// <summary>
/// Streaming MAVLink 1 and 2 parser over arbitrarily chunked input (serial reads, TCP segments, UDP
/// datagrams, file blocks). Allocation-free: a frame is a view over the caller's chunk, or over a small
/// internal buffer when it straddled two chunks.
/// </summary>
/// <remarks>
/// <para>
/// Rules (https://mavlink.io/en/guide/serialization.html): a candidate starts at 0xFE or 0xFD; its checksum
/// is CRC-16/MCRF4XX over header and payload plus the message's CRC_EXTRA. A candidate that fails is
/// garbage from its start byte only: scanning resumes at the next byte, so a real frame that began inside
/// it is still found. Payloads may be shorter than the message (MAVLink 2 truncation); decoders zero-fill.
/// A valid frame with incompatibility flags other than "signed" is dropped, as the spec requires.
/// </para>
/// <para>
/// Frames whose message id the dialect does not know cannot be checksummed. They are handed up
/// (<see cref="MavlinkFrame.IsKnown"/> false) only while the stream is in sync — they start right where a
/// verified frame ended, and the byte after them (when already received) is a start byte — so that
/// after any damage only checksummed frames re-establish sync and garbage never swallows the next real frame.
/// </para>
/// </remarks>
public sealed class MavlinkParser
{
    // Room for a pending frame plus one more frame's worth, so the pending region can slide forward within
    // one call without moving bytes a returned frame may still point at.
    private readonly byte[] _pending = new byte[2 * MavlinkProtocol.MaxFrameLength];
    private readonly MavlinkDialect _dialect;
    private int _pendingStart;
    private int _pendingLength;
    private bool _inSync;
    private bool _final;
    private readonly bool _handUpUnknown;
    private readonly Signing.MavlinkSigningKey? _signatureKey;

    // The checksum does not cover a signature, so a signed frame cut short inside its signature (or its checksum,
    // when the borrowed byte happens to match) borrows the first bytes of the next frame. When what follows a
    // signed frame is not a start byte, its checksum and signature are scanned again (they may hold the next
    // frame's start); the credits keep those bytes from being counted twice.
    private const int RescanLength = MavlinkProtocol.ChecksumLength + MavlinkProtocol.SignatureLength;
    private readonly byte[] _signatureTail = new byte[RescanLength];
    private bool _hasSignatureTail;
    private int _consumeCredit;
    private int _dropCredit;

    /// <summary>A parser for <paramref name="dialect"/> (default: the generated <see cref="MavlinkMessages.Dialect"/>).</summary>
    /// <param name="dialect">The messages whose checksums can be verified.</param>
    /// <param name="handUpUnknownMessages">
    /// True (the default, for routing) hands up frames of ids the dialect does not know when the stream is in
    /// sync. Such a frame cannot be checksummed, so damage that happens to look like one can cost the frame
    /// after it; false drops them and makes recovery after damage depend on checksums alone.
    /// </param>
    /// <param name="signatureKey">
    /// When set, a signed frame whose signature does not verify with this key is treated as damage (the scan
    /// resumes inside it). Without it, a signed frame cut short in its signature cannot be told from a whole one,
    /// since the checksum does not cover the signature. Replay rules are not applied here (see
    /// <see cref="Signing.MavlinkSignatureVerifier"/>).
    /// </param>
    public MavlinkParser(MavlinkDialect? dialect = null, bool handUpUnknownMessages = true, Signing.MavlinkSigningKey? signatureKey = null)
    {
        _dialect = dialect ?? MavlinkMessages.Dialect;
        _handUpUnknown = handUpUnknownMessages;
        _signatureKey = signatureKey;
    }

    public MavlinkDialect Dialect => _dialect;

    public MavlinkCounters Counters { get; } = new();

    /// <summary>Bytes held back because a frame started in them but has not been completed yet.</summary>
    public int BufferedBytes => _pendingLength;

    /// <summary>
    /// Reads the next frame from <paramref name="input"/>, advancing it past the bytes used. Returns false when
    /// the input is used up without completing a frame (a partial frame is kept for the next call).
    /// The frame is valid until the next call on this parser.
    /// </summary>
    public bool TryRead(scoped ref ReadOnlySpan<byte> input, out MavlinkFrame frame)
    {
        if (_hasSignatureTail && !input.IsEmpty)
        {
            _hasSignatureTail = false;
            if (input[0] != MavlinkProtocol.StxV2 && input[0] != MavlinkProtocol.StxV1 && _pendingLength == 0)
            {
                _signatureTail.CopyTo(_pending, 0);
                _pendingStart = 0;
                _pendingLength = _signatureTail.Length;
                _dropCredit += _signatureTail.Length;
            }
        }
        if (_pendingLength == 0)
        {
            _pendingStart = 0;
        }
        else if (_pendingStart > 0)
        {
            // The frame returned by the previous call is no longer in use: compact.
            Buffer.BlockCopy(_pending, _pendingStart, _pending, 0, _pendingLength);
            _pendingStart = 0;
        }

        while (true)
        {
            if (_pendingLength > 0)
            {
                switch (ReadPending(ref input, out frame))
                {
                    case Step.Frame:
                        return true;
                    case Step.NeedMore:
                        return false;
                    default:
                        continue;
                }
            }

            if (input.IsEmpty)
            {
                frame = default;
                return false;
            }

            var first = input[0];
            if (first != MavlinkProtocol.StxV2 && first != MavlinkProtocol.StxV1)
            {
                var start = input.IndexOfAny(MavlinkProtocol.StxV2, MavlinkProtocol.StxV1);
                if (start < 0)
                {
                    Consume(input.Length);
                    Drop(input.Length);
                    input = default;
                    frame = default;
                    return false;
                }
                Consume(start);
                Drop(start);
                input = input[start..];
            }

            var headerLength = input[0] == MavlinkProtocol.StxV2 ? MavlinkProtocol.HeaderLengthV2 : MavlinkProtocol.HeaderLengthV1;
            if (input.Length >= headerLength && (!_inSync || !_handUpUnknown) && IsUnknown(input))
            {
                // Out of sync, an id we cannot checksum is no evidence of a frame: rescan from the next byte
                // now rather than wait for bytes that may be the real frame's.
                Consume(1);
                Drop(1);
                input = input[1..];
                continue;
            }
            var total = input.Length >= headerLength ? FrameLength(input) : int.MaxValue;
            if (input.Length < total)
            {
                // Not all here yet: keep it for the next chunk. (The pending region is empty here, but an earlier
                // candidate of this call may have left its start index behind.)
                input.CopyTo(_pending);
                _pendingStart = 0;
                _pendingLength = input.Length;
                Consume(input.Length);
                input = default;
                frame = default;
                return false;
            }

            var candidate = input[..total];
            var next = input.Length > total ? input[total] : -1;
            switch (Validate(candidate, next, out var info))
            {
                case Verdict.Accept:
                    frame = Accept(candidate, info);
                    if (IsSigned(candidate) && next != MavlinkProtocol.StxV2 && next != MavlinkProtocol.StxV1)
                    {
                        if (next < 0)
                        {
                            RememberSignature(candidate);
                        }
                        else
                        {
                            var keep = total - RescanLength;
                            Consume(keep);
                            _consumeCredit += RescanLength;
                            _dropCredit += RescanLength;
                            input = input[keep..];
                            return true;
                        }
                    }
                    Consume(total);
                    input = input[total..];
                    return true;
                case Verdict.DropFrame:
                    Consume(total);
                    Drop(total);
                    input = input[total..];
                    continue;
                case Verdict.Wait:
                    input.CopyTo(_pending);
                    _pendingStart = 0;
                    _pendingLength = input.Length;
                    Consume(input.Length);
                    input = default;
                    frame = default;
                    return false;
                default:
                    Consume(1);
                    Drop(1);
                    input = input[1..];
                    continue;
            }
        }
    }

    /// <summary>
    /// Reads what is left once the input has ended (end of file, closed connection): a candidate that can no
    /// longer complete is garbage, and the frames that were waiting behind it come out. Call until it returns false.
    /// </summary>
    public bool TryReadFinal(out MavlinkFrame frame)
    {
        _final = true;
        _hasSignatureTail = false;
        try
        {
            ReadOnlySpan<byte> none = default;
            return TryRead(ref none, out frame);
        }
        finally
        {
            _final = false;
        }
    }

    /// <summary>Forgets any partial frame and the sync state (counters are kept).</summary>
    public void Reset()
    {
        _pendingLength = 0;
        _pendingStart = 0;
        _inSync = false;
        _hasSignatureTail = false;
        _consumeCredit = 0;
        _dropCredit = 0;
    }

    private enum Step
    {
        Frame,
        NeedMore,
        Continue,
    }

    private enum Verdict
    {
        Accept,
        Reject,
        DropFrame,
        Wait,
    }

    private Step ReadPending(scoped ref ReadOnlySpan<byte> input, out MavlinkFrame frame)
    {
        frame = default;
        var region = _pending.AsSpan(_pendingStart, _pendingLength);
        if (region[0] != MavlinkProtocol.StxV2 && region[0] != MavlinkProtocol.StxV1)
        {
            var start = region.IndexOfAny(MavlinkProtocol.StxV2, MavlinkProtocol.StxV1);
            var skip = start < 0 ? _pendingLength : start;
            Drop(skip);
            _pendingStart += skip;
            _pendingLength -= skip;
            return Step.Continue;
        }
        var headerLength = region[0] == MavlinkProtocol.StxV2 ? MavlinkProtocol.HeaderLengthV2 : MavlinkProtocol.HeaderLengthV1;
        if (_pendingLength < headerLength && !Fill(ref input, headerLength))
        {
            return _final ? RejectPendingStart() : Step.NeedMore;
        }
        if ((!_inSync || !_handUpUnknown) && IsUnknown(_pending.AsSpan(_pendingStart, headerLength)))
        {
            Drop(1);
            _pendingStart++;
            _pendingLength--;
            return Step.Continue;
        }
        var total = FrameLength(_pending.AsSpan(_pendingStart, _pendingLength));
        if (_pendingLength < total && !Fill(ref input, total))
        {
            return _final ? RejectPendingStart() : Step.NeedMore;
        }
        var candidate = _pending.AsSpan(_pendingStart, total);
        var next = _pendingLength > total ? _pending[_pendingStart + total] : input.IsEmpty ? -1 : input[0];
        switch (Validate(candidate, next, out var info))
        {
            case Verdict.Accept:
                frame = Accept(candidate, info);
                var advance = total;
                if (IsSigned(candidate) && next != MavlinkProtocol.StxV2 && next != MavlinkProtocol.StxV1)
                {
                    if (next < 0)
                    {
                        RememberSignature(candidate);
                    }
                    else
                    {
                        advance -= RescanLength;
                        _dropCredit += RescanLength;
                    }
                }
                _pendingStart += advance;
                _pendingLength -= advance;
                return Step.Frame;
            case Verdict.DropFrame:
                Drop(total);
                _pendingStart += total;
                _pendingLength -= total;
                return Step.Continue;
            case Verdict.Wait:
                return Step.NeedMore;
            default:
                Drop(1);
                _pendingStart++;
                _pendingLength--;
                return Step.Continue;
        }
    }

    private Step RejectPendingStart()
    {
        Drop(1);
        _pendingStart++;
        _pendingLength--;
        return Step.Continue;
    }

    /// <summary>Moves bytes from the input into the pending region until it holds <paramref name="wanted"/>.</summary>
    private bool Fill(scoped ref ReadOnlySpan<byte> input, int wanted)
    {
        var take = Math.Min(wanted - _pendingLength, input.Length);
        input[..take].CopyTo(_pending.AsSpan(_pendingStart + _pendingLength));
        _pendingLength += take;
        Consume(take);
        input = input[take..];
        return _pendingLength >= wanted;
    }

    private bool IsUnknown(ReadOnlySpan<byte> header)
    {
        var messageId = header[0] == MavlinkProtocol.StxV2 ? (uint)(header[7] | (header[8] << 8) | (header[9] << 16)) : header[5];
        return _dialect.Find(messageId) is null;
    }

    /// <summary>Total frame length from the first three bytes (start, length, incompat flags for v2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FrameLength(ReadOnlySpan<byte> header) =>
        header[0] == MavlinkProtocol.StxV2
            ? MavlinkProtocol.HeaderLengthV2 + header[1] + MavlinkProtocol.ChecksumLength + ((header[2] & MavlinkProtocol.IncompatFlagSigned) != 0 ? MavlinkProtocol.SignatureLength : 0)
            : MavlinkProtocol.HeaderLengthV1 + header[1] + MavlinkProtocol.ChecksumLength;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Verdict Validate(ReadOnlySpan<byte> candidate, int next, out MavlinkMessageInfo? info)
    {
        switch (FrameCheck.Check(candidate, _dialect, out info))
        {
            case FrameCheckResult.Valid when _signatureKey is not null && IsSigned(candidate) && !Signing.MavlinkSignature.Matches(_signatureKey, candidate):
                _inSync = false;
                return Verdict.Reject;
            case FrameCheckResult.Valid:
                return Verdict.Accept;
            case FrameCheckResult.BadChecksum:
                Counters.CrcErrors++;
                _inSync = false;
                return Verdict.Reject;
            case FrameCheckResult.IncompatibleFlags:
                // The checksum proves it is a frame, but one we must not interpret.
                Counters.IncompatibleFrames++;
                return Verdict.DropFrame;
            case FrameCheckResult.UnknownMessage when !_handUpUnknown:
                _inSync = false;
                return Verdict.Reject;
            case FrameCheckResult.UnknownMessage when _inSync && next < 0 && !_final:
                // Nothing to check it by but the start of the next frame: wait for that byte.
                return Verdict.Wait;
            case FrameCheckResult.UnknownMessage when _inSync && (next < 0 || next == MavlinkProtocol.StxV2 || next == MavlinkProtocol.StxV1):
                return Verdict.Accept;
            default:
                _inSync = false;
                return Verdict.Reject;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MavlinkFrame Accept(ReadOnlySpan<byte> candidate, MavlinkMessageInfo? info)
    {
        _inSync = true;
        _dropCredit = 0;
        var counters = Counters;
        counters.Frames++;
        if (candidate[0] == MavlinkProtocol.StxV2)
        {
            counters.FramesV2++;
            if ((candidate[2] & MavlinkProtocol.IncompatFlagSigned) != 0)
            {
                counters.SignedFrames++;
            }
            counters.CountSequence(candidate[5], candidate[6], candidate[4]);
        }
        else
        {
            counters.FramesV1++;
            counters.CountSequence(candidate[3], candidate[4], candidate[2]);
        }
        if (info is null)
        {
            counters.UnknownMessages++;
        }
        return new MavlinkFrame(candidate, info);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSigned(ReadOnlySpan<byte> frame) =>
        frame[0] == MavlinkProtocol.StxV2 && (frame[2] & MavlinkProtocol.IncompatFlagSigned) != 0;

    private void RememberSignature(ReadOnlySpan<byte> frame)
    {
        frame[^RescanLength..].CopyTo(_signatureTail);
        _hasSignatureTail = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Consume(int count)
    {
        if (_consumeCredit > 0)
        {
            var credited = Math.Min(count, _consumeCredit);
            _consumeCredit -= credited;
            count -= credited;
        }
        Counters.Bytes += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Drop(int count)
    {
        if (count <= 0)
        {
            return;
        }
        _inSync = false;
        if (_dropCredit > 0)
        {
            var credited = Math.Min(count, _dropCredit);
            _dropCredit -= credited;
            count -= credited;
        }
        Counters.DroppedBytes += count;
    }
}
