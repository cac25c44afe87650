using System.Collections.Concurrent;
using System.Diagnostics;
using RafeCast.Testing;

namespace RafeCast.Simulator.Tests.Interop;

/// <summary>A node script ended badly: its exit code and what it wrote to stderr.</summary>
internal sealed class NodeScriptException(string message) : Exception(message);

/// <summary>
/// Owns one node process running a script from this folder: logs its command line, drains stdout and stderr
/// into line queues, waits for its exit with a bound (then kills the process tree), and turns a non-zero exit
/// into <see cref="NodeScriptException"/> carrying its stderr.
/// </summary>
internal sealed class NodeScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _stdout;
    private readonly Task _stderr;

    private NodeScript(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _stdout = Drain(process.StandardOutput, Output);
        _stderr = Drain(process.StandardError, Error);
    }

    public string CommandLine { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    public ConcurrentQueue<string> Error { get; } = new();

    /// <summary>Starts <c>node SCRIPT ARGS</c> for a script in tests/RafeCast.Simulator.Tests/Interop.</summary>
    public static NodeScript Start(string script, params string[] args)
    {
        var path = RepositoryPaths.Combine("tests", "RafeCast.Simulator.Tests", "Interop", script);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var commandLine = $"node {path} {string.Join(' ', args)}";
        Console.WriteLine(commandLine);
        var process = Process.Start(start) ?? throw new NodeScriptException($"Could not start {commandLine}.");
        return new NodeScript(process, commandLine);
    }

    /// <summary>Waits for the script to end; kills it after <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new NodeScriptException($"{CommandLine} did not finish within {timeout.TotalSeconds} s; killed. stderr: {string.Join('\n', Error)}");
        }
        await Task.WhenAll(_stdout, _stderr);
        if (_process.ExitCode != 0)
        {
            throw new NodeScriptException($"{CommandLine} exited with code {_process.ExitCode}: {string.Join('\n', Error)}");
        }
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
