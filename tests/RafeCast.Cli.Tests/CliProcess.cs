using System.Collections.Concurrent;
using RafeCast.Testing.Processes;

namespace RafeCast.Cli.Tests;

/// <summary>
/// The built <c>rafecast</c> as a real process, owned by <see cref="OwnedProcess"/>: stdout and stderr kept as
/// line queues for assertions, stdin open (the pilot console reads commands from it when it is not a terminal),
/// stopped with SIGTERM as Ctrl-C would, and every wait bounded.
/// </summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private readonly OwnedProcess _process;

    private CliProcess(string[] args)
    {
        _process = OwnedProcess.Start(
            "rafecast",
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "rafecast.dll"), .. args],
            log: Console.WriteLine,
            onStdout: Output.Enqueue,
            onStderr: Error.Enqueue,
            workingDirectory: AppContext.BaseDirectory);
    }

    public ConcurrentQueue<string> Output { get; } = new();

    public ConcurrentQueue<string> Error { get; } = new();

    public string CommandLine => _process.CommandLine;

    public bool HasExited => _process.Exited.IsCompleted;

    /// <summary>What the process wrote, for assertion messages.</summary>
    public string Transcript => $"{CommandLine}\nstdout:\n{string.Join('\n', Output)}\nstderr:\n{string.Join('\n', Error)}";

    /// <summary>Starts <c>rafecast ARGS</c>.</summary>
    public static CliProcess Start(params string[] args) => new(args);

    /// <summary>Writes lines to the process's stdin and closes it.</summary>
    public async Task WriteInputAsync(params string[] lines)
    {
        foreach (var line in lines)
        {
            await _process.WriteLineAsync(line);
        }
        _process.CloseInput();
    }

    /// <summary>Waits for the exit code (and the last output); kills the process tree after a minute.</summary>
    public async Task<int> WaitForExitAsync()
    {
        try
        {
            return await _process.WaitForExitAsync(ExitTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Transcript}", ex);
        }
    }

    /// <summary>SIGTERM (as Ctrl-C), then the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!HasExited)
        {
            await _process.SignalAsync("TERM");
        }
        return await WaitForExitAsync();
    }

    /// <summary>Kills what is still running: a test that ended early has no use for it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.KillAsync();
        await _process.DisposeAsync();
    }
}
