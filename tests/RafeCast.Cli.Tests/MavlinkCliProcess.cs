using System.Collections.Concurrent;
using System.Diagnostics;

namespace RafeCast.Cli.Tests;

/// <summary>
/// Runs the built <c>rafecast</c> as a real process: logs its command line, drains stdout and stderr into
/// line queues, stops it with SIGTERM (as Ctrl-C would) with a bounded wait, and kills the tree otherwise.
/// </summary>
internal sealed class MavlinkCliProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly Task _stdout;
    private readonly Task _stderr;

    private MavlinkCliProcess(Process process)
    {
        _process = process;
        _stdout = Drain(process.StandardOutput, Output);
        _stderr = Drain(process.StandardError, Error);
    }

    public ConcurrentQueue<string> Output { get; } = new();

    public ConcurrentQueue<string> Error { get; } = new();

    public string CommandLine { get; private init; } = string.Empty;

    public static MavlinkCliProcess Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "rafecast.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet rafecast.dll.");
        return new MavlinkCliProcess(process) { CommandLine = $"dotnet {dll} {string.Join(' ', args)}" };
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            await kill.WaitForExitAsync();
        }
        return await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{CommandLine} did not exit within {StopTimeout.TotalSeconds} s; killed. stderr: {string.Join('\n', Error)}");
        }
        await Task.WhenAll(_stdout, _stderr);
        return _process.ExitCode;
    }

    private static async Task Drain(StreamReader reader, ConcurrentQueue<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
