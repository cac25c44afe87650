using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Hosting;
using RafeCast.Storage;
using RafeCast.Storage.Outbox;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// The storage stage's uploader as a sink stage: at start it checks that the storage account answers (with
/// <see cref="PublishingOptions.RequireStorage"/> an unreachable account stops the start with the key to fix),
/// and at stop — after every source and the flights have flushed into the outbox — it keeps publishing for up
/// to <see cref="PublishingOptions.DrainTimeout"/>; what is left stays in the durable outbox for the next start.
/// </summary>
internal sealed class PublisherStage(
    OutboxUploader uploader,
    DurableOutbox outbox,
    StorageAccountProvider accounts,
    IOptions<PublishingOptions> options,
    IOptions<StorageOptions> storage,
    ILogger<PublisherStage> logger) : IStationStage
{
    public string Name => "publisher";

    public StationStagePhase Phase => StationStagePhase.Sinks;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var publishing = options.Value;
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(publishing.StorageProbeTimeout);
        try
        {
            var account = await accounts.GetAsync(probe.Token).ConfigureAwait(false);
            Log.StorageReady(logger, $"{account.Service.Uri.GetLeftPart(UriPartial.Path)} (containers {account.Live.Name}, {account.Archive.Name})");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var problem = ex is OperationCanceledException
                ? $"no answer within {publishing.StorageProbeTimeout.TotalSeconds:0.#} s"
                : SecretRedactor.Describe(ex);
            if (publishing.RequireStorage)
            {
                throw new StationConfigurationException([Unreachable(storage.Value, problem)], ex);
            }
            Log.StorageUnreachableAtStart(logger, problem);
        }
        await uploader.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await uploader.StopAsync(cancellationToken).ConfigureAwait(false);
        var drain = options.Value.DrainTimeout;
        if (outbox.PendingCount == 0 || drain <= TimeSpan.Zero)
        {
            return;
        }
        Log.Draining(logger, outbox.PendingCount, drain.TotalSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(drain);
        try
        {
            await uploader.DrainAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.LeftQueued(logger, outbox.PendingCount, outbox.Directory);
        }
    }

    /// <summary>The failure naming the key that decides which account is used.</summary>
    internal static string Unreachable(StorageOptions storage, string problem)
    {
        const string Section = StorageOptions.SectionName;
        var (key, what) = storage switch
        {
            { AccountUrl: { } url } => ($"{Section}:AccountUrl", $"the storage account at {url.GetLeftPart(UriPartial.Path)}"),
            { UsesEmbeddedAzurite: false } => ($"{Section}:ConnectionString", "the storage account of the connection string"),
            _ => ($"{Section}:AzuriteExecutable", $"the embedded Azurite (data in {Path.Combine(RafeCastHome.Resolve(storage.DataDirectory), "azurite")})"),
        };
        return $"{key}: {what} cannot be reached: {problem}. Fix the setting, or set RafeCast:Station:Publishing:RequireStorage=false to start without storage (the outbox keeps everything until it answers).";
    }
}
