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

    /// <summary>A parser for <paramref name="dialect"/> (default: the generated <see cref="MavlinkMessages.Dialect"/>).</summary>
    public MavlinkParser(MavlinkDialect? dialect = null)
    {
        _dialect = dialect ?? MavlinkMessages.Dialect;
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
    public bool TryRead(ref ReadOnlySpan<byte> input, out MavlinkFrame frame)
    {
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
            if (input.Length >= headerLength && !_inSync && IsUnknown(input))
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
                // Not all here yet: keep it for the next chunk.
                input.CopyTo(_pending);
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
                    Consume(total);
                    input = input[total..];
                    frame = Accept(candidate, info);
                    return true;
                case Verdict.DropFrame:
                    Consume(total);
                    Drop(total);
                    input = input[total..];
                    continue;
                default:
                    Consume(1);
                    Drop(1);
                    input = input[1..];
                    continue;
            }
        }
    }

    /// <summary>Forgets any partial frame and the sync state (counters are kept).</summary>
    public void Reset()
    {
        _pendingLength = 0;
        _pendingStart = 0;
        _inSync = false;
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
    }

    private Step ReadPending(ref ReadOnlySpan<byte> input, out MavlinkFrame frame)
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
            return Step.NeedMore;
        }
        if (!_inSync && IsUnknown(_pending.AsSpan(_pendingStart, headerLength)))
        {
            Drop(1);
            _pendingStart++;
            _pendingLength--;
            return Step.Continue;
        }
        var total = FrameLength(_pending.AsSpan(_pendingStart, _pendingLength));
        if (_pendingLength < total && !Fill(ref input, total))
        {
            return Step.NeedMore;
        }
        var candidate = _pending.AsSpan(_pendingStart, total);
        var next = _pendingLength > total ? _pending[_pendingStart + total] : input.IsEmpty ? -1 : input[0];
        switch (Validate(candidate, next, out var info))
        {
            case Verdict.Accept:
                _pendingStart += total;
                _pendingLength -= total;
                frame = Accept(candidate, info);
                return Step.Frame;
            case Verdict.DropFrame:
                Drop(total);
                _pendingStart += total;
                _pendingLength -= total;
                return Step.Continue;
            default:
                Drop(1);
                _pendingStart++;
                _pendingLength--;
                return Step.Continue;
        }
    }

    /// <summary>Moves bytes from the input into the pending region until it holds <paramref name="wanted"/>.</summary>
    private bool Fill(ref ReadOnlySpan<byte> input, int wanted)
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
    private void Consume(int count) => Counters.Bytes += count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Drop(int count)
    {
        if (count > 0)
        {
            Counters.DroppedBytes += count;
            _inSync = false;
        }
    }
}
