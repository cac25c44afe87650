using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RafeCast.Cli.Tests;

/// <summary>
/// Runs the built <c>rafecast</c> as a real process for the sim and fly tests, with its stdin available (the
/// pilot console reads commands from it when it is not a terminal): logs its command line, drains stdout and
/// stderr into line queues, stops it with SIGTERM with a bounded wait, and kills the tree otherwise.
/// </summary>
internal sealed class FlyCliProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Task _stdout;
    private readonly Task _stderr;

    private FlyCliProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _stdout = Drain(process.StandardOutput, Output);
        _stderr = Drain(process.StandardError, Error);
    }

    public ConcurrentQueue<string> Output { get; } = new();

    public ConcurrentQueue<string> Error { get; } = new();

    public string CommandLine { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote, for assertion messages.</summary>
    public string Transcript => $"{CommandLine}\nstdout:\n{string.Join('\n', Output)}\nstderr:\n{string.Join('\n', Error)}";

    public static FlyCliProcess Start(params string[] args)
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
        var commandLine = $"dotnet {dll} {string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a))}";
        Console.WriteLine(commandLine);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {commandLine}.");
        return new FlyCliProcess(process, commandLine);
    }

    /// <summary>Writes lines to the process's stdin and closes it.</summary>
    public async Task WriteInputAsync(params string[] lines)
    {
        foreach (var line in lines)
        {
            await _process.StandardInput.WriteLineAsync(line);
        }
        await _process.StandardInput.FlushAsync();
        _process.StandardInput.Close();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Did not exit within {ExitTimeout.TotalSeconds} s; killed.\n{Transcript}");
        }
        await Task.WhenAll(_stdout, _stderr);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM (as Ctrl-C), then the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            await kill.WaitForExitAsync();
        }
        return await WaitForExitAsync();
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
