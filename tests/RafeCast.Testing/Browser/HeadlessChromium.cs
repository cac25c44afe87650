using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using RafeCast.Testing.Processes;

namespace RafeCast.Testing.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, headless, fresh profile) driven by playwright-core from
/// tools/node through <c>chromium-driver.cjs</c>, which this class owns as one process. No browser is
/// downloaded. Commands: navigate, evaluate a JavaScript expression, wait until one is true.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Where Debian installs Chromium (tools/setup.sh --browser).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly OwnedProcess _driver;
    private readonly TempDirectory _profile;
    private readonly Action<string>? _log;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _pageMessages = new();
    private int _nextId;

    private HeadlessChromium(TempDirectory profile, Action<string>? log)
    {
        _profile = profile;
        _log = log;
        var script = RepositoryPaths.Combine("tests", "RafeCast.Testing", "Browser", "chromium-driver.cjs");
        var playwright = Path.Combine(RepositoryPaths.NodeModules, "playwright-core");
        if (!Directory.Exists(playwright))
        {
            throw new InvalidOperationException($"{playwright} is missing: run tools/setup.sh first (it installs the pinned Node packages).");
        }
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run tools/setup.sh --browser (it installs Debian's chromium).");
        }
        _driver = OwnedProcess.Start("chromium-driver", "node", [script, playwright, ChromiumPath, profile.Path], log, OnLine, line => log?.Invoke($"[chromium-driver] {line}"));
        _ = _driver.Exited.ContinueWith(t => FailPending(_driver.Unexpected(t.Result)), TaskScheduler.Default);
    }

    /// <summary>Messages the page logged (console, uncaught errors, failed requests), for assertions and diagnostics.</summary>
    public IReadOnlyCollection<string> PageMessages => _pageMessages;

    /// <summary>Starts the browser; returns once it runs.</summary>
    public static async Task<HeadlessChromium> LaunchAsync(Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var browser = new HeadlessChromium(new TempDirectory("rafecast-chromium"), log);
        try
        {
            await browser._ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits for its load event; returns the HTTP status.</summary>
    public async Task<int?> GotoAsync(Uri url, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var ms = (int)(timeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds;
        var value = await SendAsync(new JsonObject { ["op"] = "goto", ["url"] = url.ToString(), ["timeoutMs"] = ms }, ms, cancellationToken).ConfigureAwait(false);
        return value?["status"]?.GetValue<int?>();
    }

    /// <summary>Evaluates a JavaScript expression in the page (a promise is awaited) and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken = default) =>
        await SendAsync(new JsonObject { ["op"] = "evaluate", ["expression"] = expression }, 15_000, cancellationToken).ConfigureAwait(false);

    /// <summary>Evaluates an expression and converts its JSON value to <typeparamref name="T"/>.</summary>
    public async Task<T?> EvaluateAsync<T>(string expression, CancellationToken cancellationToken = default)
    {
        var node = await EvaluateAsync(expression, cancellationToken).ConfigureAwait(false);
        return node is null ? default : node.Deserialize<T>();
    }

    /// <summary>Waits until the JavaScript <paramref name="expression"/> is truthy; <see cref="TimeoutException"/> naming it otherwise.</summary>
    public async Task WaitForAsync(string expression, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var ms = (int)timeout.TotalMilliseconds;
        try
        {
            await SendAsync(new JsonObject { ["op"] = "waitFor", ["expression"] = expression, ["timeoutMs"] = ms }, ms, cancellationToken).ConfigureAwait(false);
        }
        catch (BrowserCommandException ex) when (ex.Message.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F1} s waiting for `{expression}` in the page. Page messages:\n{string.Join('\n', _pageMessages.TakeLast(30))}", ex);
        }
    }

    /// <summary>Resizes the page's viewport, in CSS pixels (e.g. 390 × 844 for a phone).</summary>
    public async Task SetViewportAsync(int width, int height, CancellationToken cancellationToken = default) =>
        await SendAsync(new JsonObject { ["op"] = "viewport", ["width"] = width, ["height"] = height }, 15_000, cancellationToken).ConfigureAwait(false);

    /// <summary>Saves a full-page PNG (useful when a test fails).</summary>
    public async Task ScreenshotAsync(string path, CancellationToken cancellationToken = default) =>
        await SendAsync(new JsonObject { ["op"] = "screenshot", ["path"] = path }, 15_000, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (!_driver.Exited.IsCompleted)
        {
            await _driver.StopAsync(
                async p =>
                {
                    await p.WriteLineAsync(new JsonObject { ["id"] = Interlocked.Increment(ref _nextId), ["op"] = "close" }.ToJsonString()).ConfigureAwait(false);
                },
                TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        else
        {
            await _driver.StopAsync(null, TimeSpan.Zero).ConfigureAwait(false);
        }
        await _driver.DisposeAsync().ConfigureAwait(false);
        _profile.Dispose();
    }

    private async Task<JsonNode?> SendAsync(JsonObject command, int timeoutMs, CancellationToken cancellationToken)
    {
        _driver.ThrowIfExited();
        var id = Interlocked.Increment(ref _nextId);
        command["id"] = id;
        var reply = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            await _driver.WriteLineAsync(command.ToJsonString(), cancellationToken).ConfigureAwait(false);
            // The driver enforces the command's own timeout; this one only guards against a hung driver.
            return await reply.Task.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs + 15_000), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private void OnLine(string line)
    {
        JsonNode? message;
        try
        {
            message = JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            _log?.Invoke($"[chromium-driver] {line}");
            return;
        }
        if (message?["event"]?.GetValue<string>() is { } name)
        {
            if (name == "ready")
            {
                _log?.Invoke($"[chromium-driver] browser ready ({message["version"]})");
                _ready.TrySetResult();
                return;
            }
            var text = $"{name}: {message["type"]} {message["url"]} {message["text"]}".Replace("  ", " ", StringComparison.Ordinal);
            _pageMessages.Enqueue(text);
            _log?.Invoke($"[page] {text}");
            return;
        }
        var id = message?["id"]?.GetValue<int?>();
        if (id is { } key && _pending.TryGetValue(key, out var reply))
        {
            if (message!["ok"]?.GetValue<bool>() == true)
            {
                reply.TrySetResult(message["value"]?.DeepClone());
            }
            else
            {
                reply.TrySetException(new BrowserCommandException(message["error"]?.GetValue<string>() ?? "unknown error"));
            }
        }
    }

    private void FailPending(Exception error)
    {
        _ready.TrySetException(error);
        foreach (var reply in _pending.Values)
        {
            reply.TrySetException(error);
        }
    }
}

/// <summary>The browser could not do what a test asked (navigation failed, script threw, timeout).</summary>
public sealed class BrowserCommandException(string message) : Exception(message);
