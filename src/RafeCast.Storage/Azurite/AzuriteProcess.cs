using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace RafeCast.Storage.Azurite;

/// <summary>
/// Owns one <c>azurite-blob</c> process: starts it on 127.0.0.1, logs its command line, drains its output,
/// waits until it listens, stops it with SIGTERM and a bounded wait (then kills the process tree), and reports
/// an exit nobody asked for as <see cref="AzuriteExitedException"/> through <see cref="Exited"/>.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private const int OutputLinesKept = 20;

    private readonly ILogger _logger;
    private readonly Process _process;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _lastLines = new();
    private Task _stdout = Task.CompletedTask;
    private Task _stderr = Task.CompletedTask;
    private volatile bool _stopping;

    private AzuriteProcess(string executable, int port, string? location, ILogger logger)
    {
        Executable = executable;
        Port = port;
        Location = location;
        _logger = logger;
        // In a session of its own: a terminal's Ctrl-C goes to the whole foreground process group, and Azurite must
        // not stop under a RafeCast that is still flushing its outbox to it. RafeCast stops it itself (and kills it
        // if need be). setsid execs in place (the child of a fork is no group leader), so the pid stays Azurite's.
        var start = new ProcessStartInfo(OperatingSystem.IsLinux() && File.Exists(SetsidPath) ? SetsidPath : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = location ?? Path.GetTempPath(),
        };
        if (start.FileName == SetsidPath)
        {
            start.ArgumentList.Add(executable);
        }
        foreach (var argument in Arguments(port, location))
        {
            start.ArgumentList.Add(argument);
        }
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
    }

    // util-linux's setsid (Debian: always installed).
    private const string SetsidPath = "/usr/bin/setsid";

    /// <summary>The executable that was started.</summary>
    public string Executable { get; }

    /// <summary>The TCP port on 127.0.0.1 the blob service listens on.</summary>
    public int Port { get; }

    /// <summary>The data folder (<c>--location</c>), or null for <c>--inMemoryPersistence</c>.</summary>
    public string? Location { get; }

    /// <summary>The blob endpoint of Azurite's default account.</summary>
    public Uri BlobEndpoint => new($"http://127.0.0.1:{Port}/devstoreaccount1");

    /// <summary>A connection string for Azurite's default account. It holds the (well-known) account key: never log it.</summary>
    public string ConnectionString => StorageConnectionString.ForAzurite(Port);

    /// <summary>The process id while running.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Completes when the process has exited; faults with <see cref="AzuriteExitedException"/> when it exited without being stopped.</summary>
    public Task Exited => _exited.Task;

    /// <summary>The command-line arguments for one instance; <paramref name="location"/> null means in-memory.</summary>
    public static IReadOnlyList<string> Arguments(int port, string? location)
    {
        List<string> args =
        [
            "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The SDK speaks a newer API version than Azurite 3.37 knows; without this every request fails.
            "--skipApiVersionCheck", "--disableTelemetry", "--loose",
        ];
        if (location is null)
        {
            args.Add("--inMemoryPersistence");
        }
        else
        {
            args.Add("--location");
            args.Add(location);
        }
        return args;
    }

    /// <summary>
    /// Starts Azurite and returns once it listens. <paramref name="port"/> 0 picks a free port;
    /// <paramref name="location"/> null keeps the data in memory.
    /// </summary>
    /// <exception cref="AzuriteExitedException">Azurite exited before listening (the message carries its last output).</exception>
    /// <exception cref="TimeoutException">Azurite did not listen within a minute.</exception>
    public static async Task<AzuriteProcess> StartAsync(string executable, int port, string? location, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        ArgumentNullException.ThrowIfNull(logger);
        if (location is not null)
        {
            Directory.CreateDirectory(location);
        }
        var azurite = new AzuriteProcess(executable, port == 0 ? FreeTcpPort() : port, location, logger);
        try
        {
            await azurite.StartAsync(cancellationToken).ConfigureAwait(false);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.AzuriteStarting(_logger, _process.StartInfo.FileName + " " + string.Join(' ', _process.StartInfo.ArgumentList));
        _process.Exited += OnExited;
        if (!_process.Start())
        {
            throw new AzuriteExitedException($"{Executable} did not start.", null, string.Empty);
        }
        _process.StandardInput.Close();
        _stdout = DrainAsync(_process.StandardOutput, isError: false);
        _stderr = DrainAsync(_process.StandardError, isError: true);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var first = await Task.WhenAny(_listening.Task, _exited.Task, Task.Delay(Timeout.Infinite, timeout.Token)).ConfigureAwait(false);
        if (first == _listening.Task)
        {
            Log.AzuriteListening(_logger, Port, _process.Id, Location ?? "(in memory)");
            return;
        }
        if (first == _exited.Task)
        {
            await _exited.Task.ConfigureAwait(false); // throws the typed exit error
        }
        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds:F0} s. Last output: {LastOutput()}");
    }

    private async Task DrainAsync(StreamReader reader, bool isError)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_lastLines)
            {
                _lastLines.Enqueue(line);
                while (_lastLines.Count > OutputLinesKept)
                {
                    _lastLines.Dequeue();
                }
            }
            if (line.Contains("successfully listens on", StringComparison.Ordinal))
            {
                _listening.TrySetResult();
            }
            if (isError)
            {
                Log.AzuriteStderr(_logger, Port, line);
            }
            else
            {
                Log.AzuriteStdout(_logger, Port, line);
            }
        }
    }

    private void OnExited(object? sender, EventArgs e)
    {
        // Let the readers finish so the last lines are in the error.
        Task.WhenAll(_stdout, _stderr).ContinueWith(_ =>
        {
            int code;
            try
            {
                code = _process.ExitCode;
            }
            catch (InvalidOperationException)
            {
                code = -1;
            }
            if (_stopping)
            {
                Log.AzuriteStopped(_logger, Port, code);
                _exited.TrySetResult();
            }
            else
            {
                var output = LastOutput();
                Log.AzuriteExitedUnexpectedly(_logger, Port, code, output);
                _exited.TrySetException(new AzuriteExitedException($"Azurite on 127.0.0.1:{Port} exited unexpectedly with code {code}. Last output: {output}", code, output));
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private string LastOutput()
    {
        lock (_lastLines)
        {
            return string.Join(" | ", _lastLines);
        }
    }

    /// <summary>Stops Azurite: SIGTERM, wait up to 10 s, then kill the process tree. Idempotent.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        if (!HasStarted() || _process.HasExited)
        {
            _exited.TrySetResult();
            return;
        }
        _ = SendTerminate(_process.Id);
        using var wait = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.AzuriteKilled(_logger, Port, StopTimeout.TotalSeconds);
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        await _exited.Task.ConfigureAwait(false);
    }

    /// <summary>Kills Azurite at once (SIGKILL to the tree), as a crash or power cut would: for outage tests and drills.</summary>
    public async Task KillAsync()
    {
        _stopping = true;
        if (HasStarted() && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        _exited.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private bool HasStarted()
    {
        try
        {
            _ = _process.Id;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool SendTerminate(int pid)
    {
        const int SigTerm = 15;
        return OperatingSystem.IsWindows() ? false : Kill(pid, SigTerm) == 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

/// <summary>Azurite exited when nobody stopped it (or before it listened).</summary>
public sealed class AzuriteExitedException(string message, int? exitCode, string lastOutput) : Exception(message)
{
    /// <summary>The process exit code, when it had one.</summary>
    public int? ExitCode { get; } = exitCode;

    /// <summary>The last lines Azurite printed.</summary>
    public string LastOutput { get; } = lastOutput;
}
