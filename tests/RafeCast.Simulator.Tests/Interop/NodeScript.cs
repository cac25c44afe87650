using System.Collections.Concurrent;
using RafeCast.Testing;
using RafeCast.Testing.Processes;

namespace RafeCast.Simulator.Tests.Interop;

/// <summary>A node script ended badly: its exit code and what it wrote to stderr.</summary>
internal sealed class NodeScriptException(string message) : Exception(message);

/// <summary>
/// One node process running a script from this folder, owned by <see cref="OwnedProcess"/>: stdout and stderr
/// kept as line queues, the wait for its exit bounded (then the process tree is killed), and a non-zero exit
/// turned into <see cref="NodeScriptException"/> carrying its stderr.
/// </summary>
internal sealed class NodeScript : IAsyncDisposable
{
    private readonly OwnedProcess _process;

    private NodeScript(string script, string[] args)
    {
        var path = RepositoryPaths.Combine("tests", "RafeCast.Simulator.Tests", "Interop", script);
        _process = OwnedProcess.Start("node", "node", [path, .. args], log: Console.WriteLine, onStdout: Output.Enqueue, onStderr: Error.Enqueue);
    }

    public string CommandLine => _process.CommandLine;

    public ConcurrentQueue<string> Output { get; } = new();

    public ConcurrentQueue<string> Error { get; } = new();

    /// <summary>Starts <c>node SCRIPT ARGS</c> for a script in tests/RafeCast.Simulator.Tests/Interop.</summary>
    public static NodeScript Start(string script, params string[] args) => new(script, args);

    /// <summary>Waits for the script to end; kills it after <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        int exitCode;
        try
        {
            exitCode = await _process.WaitForExitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new NodeScriptException($"{CommandLine} did not finish within {timeout.TotalSeconds} s; killed. stderr: {string.Join('\n', Error)}");
        }
        if (exitCode != 0)
        {
            throw new NodeScriptException($"{CommandLine} exited with code {exitCode}: {string.Join('\n', Error)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.KillAsync();
        await _process.DisposeAsync();
    }
}
