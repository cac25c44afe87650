using RafeCast.Mavlink.Tlog;

namespace RafeCast.Mavlink.Links.Transports;

/// <summary>
/// <c>file:PATH[?speed=N]</c>: replays a capture. A <c>.tlog</c> is replayed frame by frame, paced by its record
/// times when the speed is not 0; any other file is a raw byte stream, replayed as fast as it can be read.
/// What is sent to a replay goes nowhere. The end of the file ends the link.
/// </summary>
internal sealed class FileReplayTransport(MavlinkConnectionString connection, TimeProvider time) : IMavlinkTransport
{
    private Stream? _raw;
    private TlogReader? _tlog;
    private DateTimeOffset? _firstRecord;
    private long _startTimestamp;

    public string Name => connection.Text;

    public static bool IsTlog(string path) => path.EndsWith(".tlog", StringComparison.OrdinalIgnoreCase);

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(connection.Path))
        {
            throw new FileNotFoundException($"{connection.Text}: there is no file {connection.Path}.", connection.Path);
        }
        if (IsTlog(connection.Path))
        {
            _tlog = TlogReader.Open(connection.Path);
        }
        else
        {
            _raw = new FileStream(connection.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_raw is not null)
        {
            return await _raw.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        var reader = _tlog ?? throw new InvalidOperationException("The transport is not open.");
        while (true)
        {
            if (TryTake(reader, buffer.Span, out var recordTime, out var length))
            {
                await PaceAsync(recordTime, cancellationToken).ConfigureAwait(false);
                return length;
            }
            if (!await reader.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
        }
    }

    private static bool TryTake(TlogReader reader, Span<byte> buffer, out DateTimeOffset time, out int length)
    {
        if (reader.TryRead(out time, out var frame))
        {
            frame.Raw.CopyTo(buffer);
            length = frame.Raw.Length;
            return true;
        }
        length = 0;
        return false;
    }

    private async Task PaceAsync(DateTimeOffset recordTime, CancellationToken cancellationToken)
    {
        if (connection.Speed <= 0)
        {
            return;
        }
        if (_firstRecord is null)
        {
            _firstRecord = recordTime;
            _startTimestamp = time.GetTimestamp();
            return;
        }
        var due = TimeSpan.FromTicks((long)((recordTime - _firstRecord.Value).Ticks / connection.Speed));
        var wait = due - time.GetElapsedTime(_startTimestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _tlog?.Dispose();
        if (_raw is not null)
        {
            await _raw.DisposeAsync().ConfigureAwait(false);
        }
    }
}
