using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using RafeCast.Infra.Tests.Logging;

namespace RafeCast.Infra.Tests.Processes;

/// <summary>
/// Azurite started by hand through infra/local/run-azurite.sh, and the owner of that process: it logs
/// the command line and every output line, knows Azurite is up from the line Azurite prints when it
/// listens (no polling), reports an exit before that as an error, stops it with SIGTERM and a bounded
/// wait, and kills the process tree when that is not enough.
/// </summary>
public sealed class LocalAzurite : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const string ListeningMarker = "successfully listens on";

    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _running = new();

    private LocalAzurite(Process process, int port, ILogger logger)
    {
        _process = process;
        Port = port;
        _logger = logger;
    }

    /// <summary>The blob port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Everything the script and Azurite printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="script"/> with <c>--port</c> and <c>--location</c> and returns once Azurite
    /// listens. Throws <see cref="CliProcessException"/> when it exits first, <see cref="TimeoutException"/>
    /// when it does not listen within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<LocalAzurite> StartAsync(string script, int port, string location, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var command = new CliCommand(script, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", location], Path.GetTempPath());
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            WorkingDirectory = command.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var azurite = new LocalAzurite(new Process { StartInfo = startInfo, EnableRaisingEvents = true }, port, logger);
        azurite._process.OutputDataReceived += (_, e) => azurite.OnLine(e.Data);
        azurite._process.ErrorDataReceived += (_, e) => azurite.OnLine(e.Data);
        azurite._process.Exited += (_, _) => azurite._listening.TrySetException(
            new CliProcessException($"{command} exited with code {azurite._process.ExitCode} before Azurite listened:{Environment.NewLine}{azurite.Output}"));

        Log.ProcessStarting(logger, command.ToString(), command.WorkingDirectory);
        try
        {
            azurite._process.Start();
        }
        catch (Win32Exception e)
        {
            azurite._process.Dispose();
            throw new CliProcessException($"Could not start {command.FileName}: {e.Message}. Command: {command}", e);
        }
        azurite._running.Start();
        azurite._process.BeginOutputReadLine();
        azurite._process.BeginErrorReadLine();
        try
        {
            await azurite._listening.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends SIGTERM and waits up to <paramref name="grace"/> for Azurite to close; returns its exit
    /// code. Throws <see cref="TimeoutException"/> (after killing the process tree) when it does not stop.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            Log.ProcessStopping(_logger, "azurite", _process.Id);
            if (Kill(_process.Id, SigTerm) != 0 && !_process.HasExited)
            {
                throw new CliProcessException($"Could not send SIGTERM to Azurite (pid {_process.Id}): errno {Marshal.GetLastPInvokeError()}.");
            }
        }
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(grace, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.ProcessKilled(_logger, "azurite", grace.TotalSeconds);
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Azurite did not stop within {grace.TotalSeconds:F0} s of SIGTERM and was killed.");
        }
        // WaitForExitAsync also waits for the redirected streams to reach their end.
        Log.ProcessExited(_logger, "azurite", _process.ExitCode, _running.ElapsedMilliseconds);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // Gone already, or stuck: nothing more a test can do about it.
            }
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        Log.ProcessOutput(_logger, "azurite", line);
        if (line.Contains(ListeningMarker, StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }

    // kill(2): .NET has no managed way to send a signal other than SIGKILL.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int processId, int signal);
}
