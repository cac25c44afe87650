using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RafeCast.Storage.Azurite;

/// <summary>
/// The Azurite that holds the archive when nothing is configured: its data lives in
/// <c>{data directory}/azurite</c>, so the demo and later CLI runs share it. Whoever starts it holds a lock
/// file while it runs and writes the port to <c>azurite/endpoint.json</c>; another RafeCast process that finds
/// it running connects to it instead of starting a second one on the same data.
/// </summary>
public sealed class EmbeddedAzurite : IAsyncDisposable
{
    private readonly AzuriteProcess? _owned;
    private readonly FileStream? _lock;

    private EmbeddedAzurite(int port, AzuriteProcess? owned, FileStream? lockFile)
    {
        Port = port;
        _owned = owned;
        _lock = lockFile;
    }

    /// <summary>The port Azurite listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>True when this process started Azurite (and stops it on dispose).</summary>
    public bool StartedHere => _owned is not null;

    /// <summary>Connection string for the default account (holds the well-known key; never log it).</summary>
    public string ConnectionString => StorageConnectionString.ForAzurite(Port);

    /// <summary>The data folder: <c>{data directory}/azurite</c>.</summary>
    public static string LocationUnder(string dataDirectory) => Path.Combine(dataDirectory, "azurite");

    /// <summary>
    /// Connects to the embedded Azurite of <paramref name="dataDirectory"/>, starting it when no other process runs it.
    /// </summary>
    public static async Task<EmbeddedAzurite> StartOrAttachAsync(string dataDirectory, string? executable, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var location = LocationUnder(dataDirectory);
        Directory.CreateDirectory(location);
        var lockPath = Path.Combine(location, "rafecast.lock");
        var endpointPath = Path.Combine(location, "endpoint.json");
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileStream? lockFile = null;
            try
            {
                lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Another process owns it: attach once it has written its endpoint and answers.
                if (TryReadPort(endpointPath) is { } port && await AnswersAsync(port, cancellationToken).ConfigureAwait(false))
                {
                    Log.EmbeddedAzuriteAttached(logger, port, location);
                    return new EmbeddedAzurite(port, null, null);
                }
                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new TimeoutException($"Another process holds {lockPath} but its Azurite does not answer; stop that process (or delete the lock file if it is gone).");
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                var azurite = await AzuriteProcess.StartAsync(AzuriteLocator.Find(executable), 0, location, logger, cancellationToken).ConfigureAwait(false);
                var json = JsonSerializer.Serialize(new EndpointFile(azurite.Port, Environment.ProcessId));
                var tmp = endpointPath + ".tmp";
                await File.WriteAllTextAsync(tmp, json, cancellationToken).ConfigureAwait(false);
                File.Move(tmp, endpointPath, overwrite: true);
                return new EmbeddedAzurite(azurite.Port, azurite, lockFile);
            }
            catch
            {
                await lockFile.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static int? TryReadPort(string endpointPath)
    {
        try
        {
            return JsonSerializer.Deserialize<EndpointFile>(File.ReadAllText(endpointPath))?.Port;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
        if (_lock is not null)
        {
            await _lock.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed record EndpointFile(int Port, int Pid);
}
