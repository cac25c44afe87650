using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Storage.Azurite;
using RafeCast.Testing;

namespace RafeCast.Storage.Tests.Infrastructure;

/// <summary>One in-memory Azurite for the tests that share it; each test uses its own containers.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started.");

    public static string Executable => RepositoryPaths.NodeBin("azurite-blob");

    public async Task InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(Executable, FreePort.Tcp(), location: null, NullLogger.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>Options with fresh, unique container names on this Azurite.</summary>
    public StorageOptions NewOptions(string? outboxDirectory = null) => TestAccounts.Options(Azurite.ConnectionString, outboxDirectory);

    /// <summary>A provisioned account with fresh containers.</summary>
    public async Task<BlobStorageAccount> NewAccountAsync(StorageOptions? options = null)
    {
        var account = BlobStorageAccount.Create(options ?? NewOptions());
        await account.EnsureProvisionedAsync(NullLogger.Instance, CancellationToken.None);
        return account;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<TestMedia>
{
    public const string Name = "Azurite";
}

public static class TestAccounts
{
    public static StorageOptions Options(string connectionString, string? outboxDirectory = null)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new StorageOptions
        {
            ConnectionString = connectionString,
            LiveContainer = "live-" + id,
            ArchiveContainer = "archive-" + id,
            OutboxDirectory = outboxDirectory,
            InitialRetryBackoff = TimeSpan.FromMilliseconds(100),
            MaxRetryBackoff = TimeSpan.FromSeconds(1),
        };
    }
}
