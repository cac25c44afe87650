using System.Buffers.Binary;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;

namespace RafeCast.Mavlink.Tlog;

/// <summary>
/// Reads a telemetry log (.tlog): records of an 8-byte big-endian UNIX timestamp in microseconds followed by
/// one MAVLink frame. Damaged records are skipped (counted in <see cref="Counters"/>) and reading resumes at the
/// next record that checks out. Frames are views valid until the next call.
/// </summary>
/// <example>
/// <code>
/// using var reader = TlogReader.Open(path);
/// do
/// {
///     while (reader.TryRead(out var time, out var frame)) { ... }
/// } while (await reader.FillAsync(ct));
/// </code>
/// </example>
public sealed class TlogReader : IDisposable
{
    private const int TimestampLength = 8;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly MavlinkDialect _dialect;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;

    public TlogReader(Stream stream, MavlinkDialect? dialect = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _dialect = dialect ?? MavlinkMessages.Dialect;
    }

    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    public static TlogReader Open(string path, MavlinkDialect? dialect = null) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan), dialect);

    public MavlinkCounters Counters { get; } = new();

    /// <summary>True once the stream has ended and every buffered byte has been read.</summary>
    public bool IsCompleted => _endOfStream && _start == _end;

    /// <summary>The UTC time of a record timestamp (microseconds since the UNIX epoch).</summary>
    public static DateTimeOffset TimeOf(ulong microseconds) =>
        microseconds > (ulong)(DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / 10
            ? DateTimeOffset.MaxValue
            : new DateTimeOffset(DateTime.UnixEpoch.Ticks + ((long)microseconds * 10), TimeSpan.Zero);

    /// <summary>
    /// Reads more of the file into the buffer. Returns false once the end of the file was reached and reported
    /// (the call that first meets the end returns true, so the records held back for it get read).
    /// </summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfStream)
        {
            return false;
        }
        Compact();
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        return Filled(read);
    }

    /// <summary>Synchronous <see cref="FillAsync"/>.</summary>
    public bool Fill()
    {
        if (_endOfStream)
        {
            return false;
        }
        Compact();
        return Filled(_stream.Read(_buffer, _end, _buffer.Length - _end));
    }

    /// <summary>The next record from the buffer; false when more data must be read first (or the file is done).</summary>
    public bool TryRead(out DateTimeOffset time, out MavlinkFrame frame)
    {
        while (true)
        {
            var available = _end - _start;
            var span = _buffer.AsSpan(_start, available);
            if (available < TimestampLength + 3)
            {
                return NeedMore(out time, out frame);
            }
            var stx = span[TimestampLength];
            if (stx != MavlinkProtocol.StxV2 && stx != MavlinkProtocol.StxV1)
            {
                Skip(1);
                continue;
            }
            var total = MavlinkParser.FrameLength(span[TimestampLength..]);
            if (available < TimestampLength + total)
            {
                return NeedMore(out time, out frame);
            }
            var candidate = span.Slice(TimestampLength, total);
            var result = FrameCheck.Check(candidate, _dialect, out var info);
            if (result is FrameCheckResult.UnknownMessage or FrameCheckResult.UnknownMessageIncompatibleFlags)
            {
                // No checksum to go by: trust the record when the next one starts where it should.
                var next = TimestampLength + total + TimestampLength;
                if (available <= next && !_endOfStream)
                {
                    return NeedMore(out time, out frame);
                }
                var followed = available == TimestampLength + total
                    || (available > next && span[next] is MavlinkProtocol.StxV2 or MavlinkProtocol.StxV1);
                if (!followed)
                {
                    Skip(1);
                    continue;
                }
            }
            else if (result == FrameCheckResult.BadChecksum)
            {
                Counters.CrcErrors++;
                Skip(1);
                continue;
            }
            if (result is FrameCheckResult.IncompatibleFlags or FrameCheckResult.UnknownMessageIncompatibleFlags)
            {
                Counters.IncompatibleFrames++;
                Skip(TimestampLength + total);
                continue;
            }

            time = TimeOf(BinaryPrimitives.ReadUInt64BigEndian(span));
            frame = new MavlinkFrame(candidate, info);
            _start += TimestampLength + total;
            Count(candidate, info);
            return true;
        }
    }

    private bool NeedMore(out DateTimeOffset time, out MavlinkFrame frame)
    {
        time = default;
        frame = default;
        if (_endOfStream && _start < _end)
        {
            // A truncated last record: nothing more will complete it.
            Counters.DroppedBytes += _end - _start;
            _start = _end;
        }
        return false;
    }

    private void Skip(int count)
    {
        Counters.DroppedBytes += count;
        _start += count;
    }

    private void Count(ReadOnlySpan<byte> frame, MavlinkMessageInfo? info)
    {
        Counters.Bytes += TimestampLength + frame.Length;
        Counters.Frames++;
        if (frame[0] == MavlinkProtocol.StxV2)
        {
            Counters.FramesV2++;
            if ((frame[2] & MavlinkProtocol.IncompatFlagSigned) != 0)
            {
                Counters.SignedFrames++;
            }
            Counters.CountSequence(frame[5], frame[6], frame[4]);
        }
        else
        {
            Counters.FramesV1++;
            Counters.CountSequence(frame[3], frame[4], frame[2]);
        }
        if (info is null)
        {
            Counters.UnknownMessages++;
        }
    }

    private void Compact()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
    }

    private bool Filled(int read)
    {
        if (read == 0)
        {
            // One more pass of TryRead settles the records that waited to see what follows them.
            _endOfStream = true;
            return true;
        }
        _end += read;
        return true;
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
