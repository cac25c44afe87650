using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.Storage.Access;
using RafeCast.Storage.Live;
using RafeCast.Storage.Outbox;

namespace RafeCast.Storage;

/// <summary>Registers the storage stage in a host.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="StorageOptions"/> from <c>RafeCast:Storage</c> (validated at start, errors name the key) and
    /// registers the account provider, the durable outbox, the uploader and the live sweeper (hosted services),
    /// and the <see cref="SegmentTaggedRecorder"/> the station's <c>SegmentTagged</c> handler calls. Register your
    /// <see cref="IPublishPlaylistSource"/> (the video stage's playlists) before or after; without one, segments
    /// are archived without playlists.
    /// </summary>
    public static IServiceCollection AddRafeCastStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StorageAccountProvider>();
        services.TryAddSingleton<IPublishPlaylistSource, NoPlaylists>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return DurableOutbox.Open(options.ResolveOutboxDirectory(), options.DiskQuotaBytes, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DurableOutbox>>());
        });
        services.TryAddSingleton<SegmentTaggedRecorder>();
        services.TryAddSingleton<OutboxUploader>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxUploader>());
        services.AddSingleton<IHostedService>(sp => new LiveSweeperHost(sp.GetRequiredService<StorageAccountProvider>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LiveRetentionSweeper>>()));
        return services;
    }

    // The sweeper needs the account, which may need the embedded Azurite started first.
    private sealed class LiveSweeperHost(StorageAccountProvider accounts, TimeProvider time, ILogger<LiveRetentionSweeper> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var account = await accounts.GetAsync(stoppingToken).ConfigureAwait(false);
            using var sweeper = new LiveRetentionSweeper(account, time, logger);
            await sweeper.StartAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                await sweeper.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
