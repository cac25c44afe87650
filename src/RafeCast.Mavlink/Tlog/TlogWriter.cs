using System.Buffers.Binary;
using RafeCast.Mavlink.Framing;

namespace RafeCast.Mavlink.Tlog;

/// <summary>
/// Writes a telemetry log (.tlog) as MAVProxy and QGroundControl do: each frame preceded by its arrival time
/// as 8 bytes big-endian, microseconds since the UNIX epoch (UTC). Not thread-safe; one writer per file.
/// </summary>
public sealed class TlogWriter : IDisposable, IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _record = new byte[8 + MavlinkProtocol.MaxFrameLength];

    public TlogWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Creates (or truncates) <paramref name="path"/> for writing.</summary>
    public static TlogWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, FileOptions.Asynchronous));

    /// <summary>Frames written so far.</summary>
    public long Records { get; private set; }

    /// <summary>The 8-byte timestamp of <paramref name="time"/>: microseconds since 1970-01-01 UTC.</summary>
    public static ulong TimestampOf(DateTimeOffset time) => (ulong)((time.UtcTicks - DateTime.UnixEpoch.Ticks) / 10);

    public void Write(DateTimeOffset time, ReadOnlySpan<byte> frame)
    {
        var length = Prepare(time, frame);
        _stream.Write(_record, 0, length);
        Records++;
    }

    public async ValueTask WriteAsync(DateTimeOffset time, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var length = Prepare(time, frame.Span);
        await _stream.WriteAsync(_record.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        Records++;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _stream.FlushAsync(cancellationToken);

    public void Flush() => _stream.Flush();

    private int Prepare(DateTimeOffset time, ReadOnlySpan<byte> frame)
    {
        if (frame.Length is 0 or > MavlinkProtocol.MaxFrameLength)
        {
            throw new ArgumentException($"A frame is 1 to {MavlinkProtocol.MaxFrameLength} bytes; got {frame.Length}.", nameof(frame));
        }
        BinaryPrimitives.WriteUInt64BigEndian(_record, TimestampOf(time));
        frame.CopyTo(_record.AsSpan(8));
        return 8 + frame.Length;
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
        else
        {
            _stream.Flush();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            await _stream.FlushAsync().ConfigureAwait(false);
        }
    }
}
