using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RafeCast.Video.Ffmpeg;

/// <summary>
/// Owns one ffmpeg process: starts it, logs its command line, reads its <c>-progress</c> reports into
/// <see cref="Progress"/> events, metrics and logs, drains stderr into a per-process log file, stops it
/// with 'q' and a bounded grace (then SIGINT, which also unblocks a read waiting on a silent network
/// input, then a kill of the whole process tree), and reports an exit it did not ask for as
/// <see cref="FfmpegExitedException"/>. Used by the ingest pipeline and by the simulator's synthetic camera.
/// </summary>
public sealed partial class FfmpegProcess : IAsyncDisposable
{
    private const int RememberedErrorLines = 20;

    private readonly FfmpegStartInfo _info;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Queue<string> _lastErrorLines = new();
    private readonly TaskCompletionSource<FfmpegExit> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Process? _process;
    private volatile bool _stopRequested;
    private volatile bool _killed;
    private FfmpegProgress? _lastProgress;

    public FfmpegProcess(FfmpegStartInfo info, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        _info = info;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        Arguments =
        [
            "-hide_banner", "-nostats",
            "-progress", "pipe:1",
            "-stats_period", info.ProgressPeriod.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            .. info.Arguments,
        ];
        // Logged, so secrets in URLs (SRT passphrases, URL passwords) are masked.
        CommandLine = Sources.VideoSource.Redact(FormatCommandLine(info.ExecutablePath, Arguments));
    }

    /// <summary>Raised for every <c>-progress</c> block, on a reader thread.</summary>
    public event EventHandler<FfmpegProgress>? Progress;

    /// <summary>Raised for every stderr line, on a reader thread, after it was written to the log file.</summary>
    public event EventHandler<string>? ErrorLine;

    /// <summary>The full argument list passed to ffmpeg, global options included.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The command line as a shell would read it (for logs and for repeating a run by hand).</summary>
    public string CommandLine { get; }

    /// <summary>The operating-system process id once started.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>The newest progress report, if any arrived.</summary>
    public FfmpegProgress? LastProgress
    {
        get { lock (_gate) { return _lastProgress; } }
    }

    /// <summary>Completes when the process has exited and its output is drained; never faults.</summary>
    public Task<FfmpegExit> Completion => _completion.Task;

    /// <summary>The last stderr lines, oldest first.</summary>
    public IReadOnlyList<string> LastErrorLines
    {
        get { lock (_gate) { return [.. _lastErrorLines]; } }
    }

    /// <summary>Starts ffmpeg. Throws <see cref="FfmpegExitedException"/> when the executable cannot be started.</summary>
    public void Start()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"ffmpeg for {_info.Name} was already started.");
        }
        var startInfo = new ProcessStartInfo(_info.ExecutablePath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["AV_LOG_FORCE_NOCOLOR"] = "1";

        Log.FfmpegStarting(_logger, _info.Name, CommandLine);
        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            var error = new FfmpegExitedException($"ffmpeg for {_info.Name} could not be started from '{_info.ExecutablePath}': {ex.Message}. Is ffmpeg installed (tools/setup.sh)?", null, [], ex);
            _completion.TrySetResult(new FfmpegExit(-1, false, false, []));
            throw error;
        }
        _process = process;
        ProcessId = process.Id;
        Log.FfmpegStarted(_logger, _info.Name, process.Id);
        _ = Task.Run(() => RunAsync(process));
    }

    /// <summary>
    /// Waits for ffmpeg to end. Returns its exit when it was stopped on request or ended cleanly (exit code 0,
    /// e.g. the input ended); throws <see cref="FfmpegExitedException"/> when it failed on its own.
    /// </summary>
    public async Task<FfmpegExit> WaitForExitAsync(CancellationToken cancellationToken)
    {
        var exit = await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (exit.Unexpected && exit.ExitCode != 0)
        {
            throw new FfmpegExitedException($"ffmpeg for {_info.Name} exited with code {exit.ExitCode}.", exit.ExitCode, exit.LastErrorLines);
        }
        return exit;
    }

    /// <summary>
    /// Stops ffmpeg gracefully so it finishes the files it writes: 'q' on stdin, then SIGINT, each with
    /// <see cref="FfmpegStartInfo.StopGrace"/>, then kills the process tree. Cancelling kills at once.
    /// </summary>
    public async Task<FfmpegExit> StopAsync(CancellationToken cancellationToken)
    {
        var process = _process;
        if (process is null || Completion.IsCompleted)
        {
            return await Completion.ConfigureAwait(false);
        }
        _stopRequested = true;
        try
        {
            Log.FfmpegStopping(_logger, _info.Name, _info.StopGrace.TotalSeconds);
            try
            {
                await process.StandardInput.WriteAsync("q".AsMemory(), cancellationToken).ConfigureAwait(false);
                await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // stdin already closed: ffmpeg is on its way out.
            }
            if (await ExitedWithin(_info.StopGrace, cancellationToken).ConfigureAwait(false))
            {
                return await Completion.ConfigureAwait(false);
            }
            Log.FfmpegInterrupting(_logger, _info.Name);
            Interrupt(process);
            Interrupt(process);
            if (await ExitedWithin(_info.StopGrace, cancellationToken).ConfigureAwait(false))
            {
                return await Completion.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
        Kill();
        return await Completion.ConfigureAwait(false);
    }

    /// <summary>
    /// Stops ffmpeg that may be blocked reading a silent input, where 'q' is never read: SIGINT twice (the
    /// second aborts the blocking read; ffmpeg still finishes its files), then a kill of the process tree
    /// after <see cref="FfmpegStartInfo.StopGrace"/>.
    /// </summary>
    public async Task<FfmpegExit> InterruptAsync(CancellationToken cancellationToken)
    {
        var process = _process;
        if (process is null || Completion.IsCompleted)
        {
            return await Completion.ConfigureAwait(false);
        }
        _stopRequested = true;
        Log.FfmpegInterrupting(_logger, _info.Name);
        Interrupt(process);
        Interrupt(process);
        try
        {
            if (await ExitedWithin(_info.StopGrace, cancellationToken).ConfigureAwait(false))
            {
                return await Completion.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
        Kill();
        return await Completion.ConfigureAwait(false);
    }

    /// <summary>Kills ffmpeg and everything it started, at once. Files being written are left as they are.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                _killed = true;
                Log.FfmpegKilling(_logger, _info.Name, process.Id);
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        catch (Win32Exception)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null && !Completion.IsCompleted)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        _process?.Dispose();
    }

    private async Task<bool> ExitedWithin(TimeSpan grace, CancellationToken cancellationToken)
    {
        try
        {
            await Completion.WaitAsync(grace, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task RunAsync(Process process)
    {
        StreamWriter? log = null;
        try
        {
            if (_info.LogFilePath is { } path)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                log = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
                await log.WriteLineAsync($"# {_time.GetUtcNow():O} {CommandLine}").ConfigureAwait(false);
            }
            var stdout = ReadProgressAsync(process.StandardOutput);
            var stderr = ReadErrorsAsync(process.StandardError, log);
            await process.WaitForExitAsync().ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            var exit = new FfmpegExit(process.ExitCode, _stopRequested, _killed, LastErrorLines);
            if (exit.Unexpected)
            {
                Log.FfmpegExitedUnexpectedly(_logger, _info.Name, exit.ExitCode, string.Join(" | ", exit.LastErrorLines.TakeLast(3)));
            }
            else
            {
                Log.FfmpegExited(_logger, _info.Name, exit.ExitCode);
            }
            if (log is not null)
            {
                await log.WriteLineAsync($"# {_time.GetUtcNow():O} exited with code {exit.ExitCode}").ConfigureAwait(false);
            }
            _completion.TrySetResult(exit);
        }
        catch (Exception ex)
        {
            // Whatever went wrong reading its output, Completion must complete: callers wait on it.
            Log.FfmpegOutputFailed(_logger, ex, _info.Name);
            Kill();
            _completion.TrySetResult(new FfmpegExit(-1, _stopRequested, true, LastErrorLines));
        }
        finally
        {
            if (log is not null)
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void Raise<T>(EventHandler<T>? handler, T value, string name)
    {
        try
        {
            handler?.Invoke(this, value);
        }
        catch (Exception ex)
        {
            // A subscriber's bug must not stop the draining of ffmpeg's output (ffmpeg would block on a full pipe).
            Log.FfmpegHandlerFailed(_logger, ex, name, _info.Name);
        }
    }

    private async Task ReadErrorsAsync(StreamReader reader, StreamWriter? log)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } raw)
        {
            // ffmpeg echoes its input URL ("Input #0, mpegts, from 'srt://…passphrase=…'"): mask secrets.
            var line = raw.Contains("://", StringComparison.Ordinal) ? Sources.VideoSource.Redact(raw) : raw;
            if (log is not null)
            {
                await log.WriteLineAsync(line).ConfigureAwait(false);
            }
            lock (_gate)
            {
                _lastErrorLines.Enqueue(line);
                if (_lastErrorLines.Count > RememberedErrorLines)
                {
                    _lastErrorLines.Dequeue();
                }
            }
            Raise(ErrorLine, line, nameof(ErrorLine));
        }
    }

    private async Task ReadProgressAsync(StreamReader reader)
    {
        var block = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }
            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (key != "progress")
            {
                block[key] = value;
                continue;
            }
            var progress = ParseProgress(block, value == "end", _time.GetUtcNow());
            block.Clear();
            lock (_gate)
            {
                _lastProgress = progress;
            }
            VideoMetrics.RecordProgress(_info.Name, progress);
            Log.FfmpegProgress(_logger, _info.Name, progress.Frame, progress.FramesPerSecond, progress.Speed ?? 0, progress.DroppedFrames);
            Raise(Progress, progress, nameof(Progress));
        }
    }

    /// <summary>Turns one <c>-progress</c> block into a record; unknown or "N/A" values become null or zero.</summary>
    internal static FfmpegProgress ParseProgress(IReadOnlyDictionary<string, string> block, bool isEnd, DateTimeOffset receivedUtc)
    {
        long Long(string key) => block.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        double? Double(string key, string suffix = "")
        {
            if (!block.TryGetValue(key, out var v))
            {
                return null;
            }
            if (suffix.Length > 0 && v.EndsWith(suffix, StringComparison.Ordinal))
            {
                v = v[..^suffix.Length];
            }
            return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        }
        long? size = block.TryGetValue("total_size", out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        var outTimeUs = Long("out_time_us");
        return new FfmpegProgress(
            Long("frame"),
            Double("fps") ?? 0,
            Double("bitrate", "kbits/s"),
            size,
            TimeSpan.FromMicroseconds(Math.Max(0, outTimeUs)),
            Long("dup_frames"),
            Long("drop_frames"),
            Double("speed", "x"),
            isEnd,
            receivedUtc);
    }

    private static void Interrupt(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        try
        {
            _ = SendSignal(process.Id, SigInt);
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    internal static string FormatCommandLine(string executable, IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Prepend(executable).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
