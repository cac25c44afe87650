using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RafeCast.Storage.Azurite;

namespace RafeCast.Storage;

/// <summary>
/// Hands out the <see cref="BlobStorageAccount"/> once it is ready: built from the options, or — when they name
/// no account — backed by the embedded Azurite of the RafeCast data directory, started on first use. The
/// containers (and CORS) are provisioned on first use too.
/// </summary>
public sealed class StorageAccountProvider : IAsyncDisposable, IDisposable
{
    private readonly StorageOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BlobStorageAccount? _account;
    private readonly bool _provision = true;
    private EmbeddedAzurite? _embedded;

    public StorageAccountProvider(IOptions<StorageOptions> options, ILoggerFactory loggers)
        : this(options, loggers, provision: true)
    {
    }

    /// <param name="options">Where the account is.</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="provision">
    /// False for read-only users (editors with a SAS or a reader role): the containers and CORS are left as they
    /// are. The embedded Azurite is always provisioned.
    /// </param>
    public StorageAccountProvider(IOptions<StorageOptions> options, ILoggerFactory loggers, bool provision)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _provision = provision;
    }

    private StorageAccountProvider(BlobStorageAccount account)
    {
        _options = account.Options;
        _loggers = NullLoggerFactory.Instance;
        _account = account;
    }

    /// <summary>A provider for an account that is already built and provisioned.</summary>
    public static StorageAccountProvider For(BlobStorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new StorageAccountProvider(account);
    }

    /// <summary>True when this provider started (and will stop) an embedded Azurite.</summary>
    public bool StartedEmbeddedAzurite => _embedded?.StartedHere == true;

    /// <summary>The account, ready to use.</summary>
    public async ValueTask<BlobStorageAccount> GetAsync(CancellationToken cancellationToken)
    {
        if (_account is { } ready)
        {
            return ready;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_account is null)
            {
                string? embeddedConnection = null;
                if (_options.UsesEmbeddedAzurite)
                {
                    _embedded = await EmbeddedAzurite.StartOrAttachAsync(RafeCastHome.Resolve(_options.DataDirectory), _options.AzuriteExecutable,
                        _loggers.CreateLogger<AzuriteProcess>(), cancellationToken).ConfigureAwait(false);
                    embeddedConnection = _embedded.ConnectionString;
                }
                var account = BlobStorageAccount.Create(_options, embeddedConnection);
                if (_provision || _embedded is not null)
                {
                    await account.EnsureProvisionedAsync(_loggers.CreateLogger<BlobStorageAccount>(), cancellationToken).ConfigureAwait(false);
                }
                _account = account;
            }
            return _account;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Synchronous disposal for containers disposed with <c>Dispose()</c>: stops an embedded Azurite it started (bounded wait).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        var embedded = Interlocked.Exchange(ref _embedded, null);
        if (embedded is not null)
        {
            await embedded.DisposeAsync().ConfigureAwait(false);
        }
    }
}
