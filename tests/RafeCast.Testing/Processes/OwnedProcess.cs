using System.Diagnostics;
using System.Text;

namespace RafeCast.Testing.Processes;

/// <summary>
/// One external process owned by a test helper: started with its command line logged, stdout and stderr
/// drained line by line (the last lines kept for error messages), stopped gracefully with a bounded
/// wait and then killed with its whole process tree. An exit nobody asked for is reported as an
/// <see cref="ExternalProcessException"/> naming the process and its last output.
/// </summary>
public sealed class OwnedProcess : IAsyncDisposable
{
    private const int KeptLines = 60;
    private readonly Process _process;
    private readonly string _name;
    private readonly Action<string>? _log;
    private readonly Queue<string> _recent = new();
    private readonly TaskCompletionSource<int> _processExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _drain;
    private int _stopping;

    private OwnedProcess(string name, ProcessStartInfo startInfo, Action<string>? log, Action<string>? onStdout, Action<string>? onStderr)
    {
        _name = name;
        _log = log;
        CommandLine = $"{startInfo.FileName} {string.Join(' ', startInfo.ArgumentList.Select(Quote))}";
        _log?.Invoke($"[{name}] starting: {CommandLine}");
        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.Exited += (_, _) => _processExited.TrySetResult(_process.ExitCode);
        try
        {
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ExternalProcessException($"{name} could not start ({CommandLine}): {ex.Message}", inner: ex);
        }
        _drain = Task.WhenAll(
            DrainAsync(_process.StandardOutput, onStdout),
            DrainAsync(_process.StandardError, onStderr));
        _ = CompleteExitAsync();
    }

    /// <summary>The command line as started, for logs and error messages.</summary>
    public string CommandLine { get; }

    /// <summary>The operating-system process id.</summary>
    public int Id => _process.Id;

    /// <summary>Completes with the exit code once the process has exited (for whatever reason) and its output is read.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>True once <see cref="StopAsync"/> was called: an exit after that is expected.</summary>
    public bool Stopping => Volatile.Read(ref _stopping) != 0;

    /// <summary>The last lines the process wrote (stdout and stderr interleaved).</summary>
    public string RecentOutput()
    {
        lock (_recent)
        {
            return string.Join('\n', _recent);
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>; stdin is open for <see cref="WriteLineAsync"/>.</summary>
    /// <param name="name">A short name for logs and errors, e.g. "ffmpeg" or "chromium-driver".</param>
    /// <param name="fileName">The executable (looked up on PATH).</param>
    /// <param name="arguments">Its arguments, one per element (no shell quoting).</param>
    /// <param name="log">Where to log the command line and the exit.</param>
    /// <param name="onStdout">Called with each line of stdout.</param>
    /// <param name="onStderr">Called with each line of stderr.</param>
    /// <param name="workingDirectory">Its working directory; default the current one.</param>
    /// <param name="environment">Extra environment variables.</param>
    public static OwnedProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        Action<string>? log = null,
        Action<string>? onStdout = null,
        Action<string>? onStderr = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }
        return new OwnedProcess(name, startInfo, log, onStdout, onStderr);
    }

    /// <summary>Writes one line to the process's stdin.</summary>
    public async Task WriteLineAsync(string line, CancellationToken cancellationToken = default)
    {
        ThrowIfExited();
        await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the process's stdin: end of input for a process that reads commands from it.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Sends a POSIX signal (e.g. "TERM", "INT") to the process, as systemd or Ctrl-C would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new ExternalProcessException($"kill -{signal} {Id} could not start.");
        await kill.WaitForExitAsync().ConfigureAwait(false);
        if (kill.ExitCode != 0 && !_exited.Task.IsCompleted)
        {
            throw new ExternalProcessException($"kill -{signal} {Id} failed with exit code {kill.ExitCode}.", kill.ExitCode);
        }
    }

    /// <summary>Throws <see cref="ExternalProcessException"/> when the process has exited without being asked to.</summary>
    public void ThrowIfExited()
    {
        if (_exited.Task.IsCompleted && !Stopping)
        {
            throw Unexpected(_exited.Task.Result);
        }
    }

    /// <summary>The error for an exit nobody asked for.</summary>
    public ExternalProcessException Unexpected(int exitCode) =>
        new($"{_name} exited with code {exitCode} ({CommandLine}). Last output:\n{RecentOutput()}", exitCode);

    /// <summary>
    /// Waits for the exit code (and the last output) of a process expected to end by itself; after
    /// <paramref name="timeout"/> its process tree is killed and <see cref="TimeoutException"/> thrown.
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            return await _exited.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await KillAsync().ConfigureAwait(false);
            throw new TimeoutException($"{_name} did not exit within {timeout.TotalSeconds} s and was killed ({CommandLine}). Last output:\n{RecentOutput()}");
        }
    }

    /// <summary>Kills the process tree at once if it is still running (a test that ended early has no use for it).</summary>
    public Task KillAsync() => StopAsync(gracefully: null, TimeSpan.Zero);

    /// <summary>
    /// Stops the process: <paramref name="gracefully"/> asks it to end (e.g. writes "q" to ffmpeg), then it
    /// gets <paramref name="grace"/> to exit before the whole process tree is killed.
    /// </summary>
    public async Task StopAsync(Func<OwnedProcess, Task>? gracefully, TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0 && _exited.Task.IsCompleted)
        {
            return;
        }
        if (!_exited.Task.IsCompleted && gracefully is not null)
        {
            try
            {
                await gracefully(this).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ExternalProcessException)
            {
                // It is going away already; the wait below settles it.
            }
        }
        if (!_exited.Task.IsCompleted)
        {
            try
            {
                await _exited.Task.WaitAsync(grace).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _log?.Invoke($"[{_name}] did not exit within {grace.TotalSeconds:F1} s; killing its process tree");
                try
                {
                    _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Exited meanwhile.
                }
                await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        _log?.Invoke($"[{_name}] exited with code {_exited.Task.Result}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(p => { p.CloseInput(); return Task.CompletedTask; }, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task CompleteExitAsync()
    {
        var exitCode = await _processExited.Task.ConfigureAwait(false);
        try
        {
            // The pipes close with the process; what it wrote last is read before anyone hears it exited.
            await _drain.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A child that inherited the pipes keeps them open; the exit still counts.
        }
        _exited.TrySetResult(exitCode);
    }

    private async Task DrainAsync(StreamReader reader, Action<string>? onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_recent)
            {
                _recent.Enqueue(line);
                if (_recent.Count > KeptLines)
                {
                    _recent.Dequeue();
                }
            }
            onLine?.Invoke(line);
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => !char.IsWhiteSpace(c) && c is not ('"' or '\'')) ? argument : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
