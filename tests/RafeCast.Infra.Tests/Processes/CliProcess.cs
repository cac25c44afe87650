using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RafeCast.Infra.Tests.Logging;

namespace RafeCast.Infra.Tests.Processes;

/// <summary>
/// Runs one command-line tool to completion and owns its process: logs the command line, drains
/// stdout and stderr while it runs, and kills the whole process tree when it overruns its time or the
/// caller cancels. A one-shot tool (a compiler, a linter) holds nothing worth a graceful stop, so an
/// abandoned run is killed, not asked to stop.
/// </summary>
public static class CliProcess
{
    // After a kill, how long to wait for the process to be reaped before giving up on it.
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs <paramref name="command"/> and returns how it ended, whatever its exit code.
    /// Throws <see cref="CliProcessException"/> when it cannot start, <see cref="TimeoutException"/>
    /// when it runs longer than <paramref name="timeout"/>, and <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task<CliProcessResult> RunAsync(CliCommand command, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(logger);
        cancellationToken.ThrowIfCancellationRequested();

        var startInfo = new ProcessStartInfo(command.FileName)
        {
            WorkingDirectory = command.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        Log.ProcessStarting(logger, command.ToString(), command.WorkingDirectory);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new CliProcessException($"Could not start {command.FileName}: {e.Message}. Command: {command}", e);
        }

        // Nothing is ever typed into these tools; a closed stdin makes one that asks fail instead of hang.
        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            // Its pipes close when it exits, unless something it started still holds them.
            await Task.WhenAll(standardOutput, standardError).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.ProcessKilled(logger, command.Program, timeout.TotalSeconds);
            await KillAsync(process).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{command.Program} did not finish within {timeout.TotalSeconds:F0} s and was killed: {command}");
        }

        var result = new CliProcessResult(
            command,
            process.ExitCode,
            await standardOutput.ConfigureAwait(false),
            await standardError.ConfigureAwait(false),
            stopwatch.Elapsed);
        Log.ProcessExited(logger, command.Program, result.ExitCode, (long)result.Elapsed.TotalMilliseconds);
        return result;
    }

    private static async Task KillAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own between the deadline and the kill.
        }
        using var grace = new CancellationTokenSource(KillGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Unkillable within the grace period (stuck in the kernel); the caller still gets its error.
        }
    }
}
