using System.Diagnostics;
using System.Globalization;

namespace RafeCast.Mavlink.Links.Transports;

/// <summary>
/// <c>serial:DEVICE[:BAUD]</c>: reads and writes the device file. The line is put into raw mode at the baud rate
/// with <c>stty</c>, run once when the link opens; a failing stty is reported with its output.
/// A read on a tty cannot be cancelled once it blocks, so the line is set to return after 0.2 s of silence
/// (<c>min 0 time 2</c>: bytes still come back as soon as any arrive) and the receive loop looks at its token
/// between reads; without that, stopping a station with a quiet radio hung for ever.
/// </summary>
internal sealed class SerialTransport(MavlinkConnectionString connection) : IMavlinkTransport
{
    private static readonly TimeSpan SttyTimeout = TimeSpan.FromSeconds(10);
    private FileStream? _stream;

    public string Name => connection.Text;

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(connection.Path))
        {
            throw new IOException($"{connection.Text}: there is no serial device {connection.Path}.");
        }
        await ConfigureAsync(cancellationToken).ConfigureAwait(false);
        _stream = new FileStream(connection.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
    }

    private async Task ConfigureAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("stty")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-F", connection.Path, connection.BaudRate.ToString(CultureInfo.InvariantCulture), "raw", "-echo", "-hupcl", "min", "0", "time", "2" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new IOException($"{connection.Text}: could not run stty to set the baud rate.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SttyTimeout);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw cancellationToken.IsCancellationRequested ? new OperationCanceledException(cancellationToken) : new TimeoutException($"{connection.Text}: stty did not finish within {SttyTimeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
        {
            throw new IOException($"{connection.Text}: stty could not set {connection.BaudRate} baud on {connection.Path} (exit {process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()}{(await output.ConfigureAwait(false)).Trim()}");
        }
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new InvalidOperationException("The transport is not open.");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            // Nothing within the line's 0.2 s read timeout: quiet, unless the device itself went away (unplugged).
            if (read > 0 || !File.Exists(connection.Path))
            {
                return read;
            }
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new InvalidOperationException("The transport is not open.");
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
