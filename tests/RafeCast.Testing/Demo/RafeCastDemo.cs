using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using RafeCast.Testing.Processes;

namespace RafeCast.Testing.Demo;

/// <summary>
/// <c>rafecast demo</c> as a real process (the CLI built in this checkout, run with <c>dotnet</c>), in its own
/// RafeCast data directory (<c>RAFECAST_HOME</c>, so nothing of the user's is touched and <c>rafecast archive</c>
/// finds the same data afterwards). It reads the viewer URL and the watch URLs the demo prints.
/// </summary>
public sealed partial class RafeCastDemo : IAsyncDisposable
{
    private readonly OwnedProcess _process;
    private readonly TaskCompletionSource<Uri> _viewer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, Uri> _watch = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Action<string>? _log;

    private RafeCastDemo(string home, IReadOnlyList<string> arguments, Action<string>? log)
    {
        Home = home;
        _log = log;
        _process = Start(home, ["demo", .. arguments], log, OnLine);
    }

    /// <summary>The demo's RafeCast data directory.</summary>
    public string Home { get; }

    /// <summary>Every line the demo printed so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Completes with the exit code once the demo has ended.</summary>
    public Task<int> Exited => _process.Exited;

    /// <summary>Starts <c>rafecast demo ARGS</c> with <paramref name="home"/> as its data directory.</summary>
    public static RafeCastDemo Start(string home, IReadOnlyList<string> arguments, Action<string>? log = null) => new(home, arguments, log);

    /// <summary>Runs another <c>rafecast</c> verb with the same data directory and no other configuration; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCliAsync(string home, IReadOnlyList<string> arguments, TimeSpan timeout, Action<string>? log = null)
    {
        var lines = new ConcurrentQueue<string>();
        await using var process = Start(home, arguments, log, lines.Enqueue);
        var code = await process.Exited.WaitAsync(timeout).ConfigureAwait(false);
        return (code, string.Join('\n', lines));
    }

    /// <summary>The viewer's base URL, once the demo printed it.</summary>
    public Task<Uri> ViewerAsync(TimeSpan timeout) => _viewer.Task.WaitAsync(timeout);

    /// <summary>The watch page of <paramref name="stream"/>, once the demo printed it (its first segments are published).</summary>
    public async Task<Uri> WatchAsync(string stream, TimeSpan timeout)
    {
        await Eventually.Until(() => _watch.ContainsKey(stream) || _process.Exited.IsCompleted, timeout, $"the demo to publish stream {stream}").ConfigureAwait(false);
        _process.ThrowIfExited();
        return _watch[stream];
    }

    /// <summary>Ctrl-C, as a user at the terminal.</summary>
    public Task InterruptAsync() => _process.SignalAsync("INT");

    public async ValueTask DisposeAsync() =>
        await _process.StopAsync(p => p.SignalAsync("INT"), TimeSpan.FromSeconds(120)).ConfigureAwait(false);

    private void OnLine(string line)
    {
        _output.Enqueue(line);
        if (ViewerLine().Match(line) is { Success: true } viewer)
        {
            _viewer.TrySetResult(new Uri(viewer.Groups[1].Value));
        }
        if (WatchLine().Match(line) is { Success: true } watch)
        {
            _watch[watch.Groups[1].Value] = new Uri(watch.Groups[2].Value);
        }
    }

    private static OwnedProcess Start(string home, IReadOnlyList<string> arguments, Action<string>? log, Action<string> onLine)
    {
        var configuration = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
            ?? typeof(RafeCastDemo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var cli = RepositoryPaths.Combine("src", "RafeCast.Cli", "bin", configuration, "net10.0", "rafecast.dll");
        if (!File.Exists(cli))
        {
            cli = RepositoryPaths.Combine("src", "RafeCast.Cli", "bin", "Release", "net10.0", "rafecast.dll");
        }
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} is missing: build the solution first.");
        }
        Directory.CreateDirectory(home);
        return OwnedProcess.Start("rafecast", "dotnet", [cli, .. arguments], log,
            onStdout: line => { log?.Invoke(line); onLine(line); },
            onStderr: line => { log?.Invoke(line); onLine(line); },
            workingDirectory: home,
            environment: new Dictionary<string, string> { ["RAFECAST_HOME"] = home, ["COLUMNS"] = "200" });
    }

    [GeneratedRegex(@"^\s*viewer:\s+(http://\S+)")]
    private static partial Regex ViewerLine();

    [GeneratedRegex(@"watch (\S+) \(vehicle [^)]*\):\s+(http://\S+)")]
    private static partial Regex WatchLine();
}
