using System.Diagnostics;
using RafeCast.Testing;

namespace RafeCast.Mavlink.Tests.Interop;

/// <summary>A node script that exited with an error.</summary>
internal sealed class NodeScriptException(string commandLine, int exitCode, string stderr)
    : Exception($"{commandLine} exited with {exitCode}: {stderr}")
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// Runs one of the interop scripts next to this file with the pinned node-mavlink (tools/node/node_modules):
/// writes its input, drains stdout and stderr, waits a bounded time and kills the process tree past it.
/// </summary>
internal static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string PathOf(string script) => RepositoryPaths.Combine("tests", "RafeCast.Mavlink.Tests", "Interop", script);

    public static async Task<string> RunAsync(string script, string input, params string[] args)
    {
        var nodeModules = RepositoryPaths.NodeModules;
        if (!Directory.Exists(Path.Combine(nodeModules, "node-mavlink")))
        {
            throw new InvalidOperationException($"node-mavlink is missing under {nodeModules}: run tools/setup.sh first.");
        }
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PathOf(script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NODE_PATH"] = nodeModules;
        var commandLine = $"node {PathOf(script)} {string.Join(' ', args)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {commandLine}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish within {Timeout.TotalSeconds} s; killed.");
        }
        var output = await stdout;
        var errors = await stderr;
        return process.ExitCode == 0 ? output : throw new NodeScriptException(commandLine, process.ExitCode, errors);
    }
}
