using System.Diagnostics;

namespace RafeCast.Benchmarks.Mavlink;

/// <summary>
/// Owns the node process that runs node-mavlink over the same capture: starts it (logging its command line),
/// asks it to parse the capture once per call, drains its stderr, and on dispose closes its input and waits a
/// bounded time before killing it. An unexpected exit is reported with what it wrote to stderr.
/// </summary>
internal sealed class NodeMavlinkBaseline : IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly string _commandLine;

    public NodeMavlinkBaseline(string capturePath)
    {
        var root = FindRoot();
        var script = Path.Combine(root, "tools", "RafeCast.Benchmarks", "Mavlink", "node-mavlink-bench.js");
        var modules = Path.Combine(root, "tools", "node", "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "node-mavlink")))
        {
            throw new InvalidOperationException($"node-mavlink is missing under {modules}: run tools/setup.sh first.");
        }
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(capturePath);
        start.Environment["NODE_PATH"] = modules;
        _commandLine = $"NODE_PATH={modules} node {script} {capturePath}";
        Console.WriteLine($"// node-mavlink baseline: {_commandLine}");
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_commandLine}.");
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>Parses and decodes the whole capture once; returns the frames node-mavlink found.</summary>
    public int Run()
    {
        _process.StandardInput.WriteLine("run");
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("done ", StringComparison.Ordinal))
        {
            _process.WaitForExit(StopTimeout);
            throw new InvalidOperationException($"{_commandLine} stopped answering (exit {(_process.HasExited ? _process.ExitCode : -1)}): {(_stderr.IsCompleted ? _stderr.Result : string.Empty)}");
        }
        return int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(StopTimeout))
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RafeCast.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No RafeCast.sln above {AppContext.BaseDirectory}.");
    }
}
