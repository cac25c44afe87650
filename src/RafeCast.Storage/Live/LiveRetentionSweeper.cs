using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RafeCast.Storage.Layout;

namespace RafeCast.Storage.Live;

/// <summary>
/// Deletes live segments older than <see cref="StorageOptions.LiveRetention"/> from the live container (the
/// archive keeps its own copies). Playlists stay, and so does any segment a current playlist still lists.
/// In Azure production a lifecycle management rule on the live container does the same (its granularity is a
/// day; see infra); this sweeper is what keeps Azurite and short retentions tidy.
/// </summary>
public sealed class LiveRetentionSweeper(BlobStorageAccount account, TimeProvider time, ILogger<LiveRetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(account.Options.LiveSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                Log.LiveSweepFailed(logger, SecretRedactor.Describe(ex));
            }
        }
    }

    /// <summary>One pass over the live container; returns how many segments were deleted.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - account.Options.LiveRetention;
        var playlists = new List<string>();
        var candidates = new List<string>();
        await foreach (var blob in account.Live.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase))
            {
                playlists.Add(blob.Name);
            }
            else if (blob.Properties.LastModified is { } modified && modified < cutoff)
            {
                candidates.Add(blob.Name);
            }
        }
        if (candidates.Count == 0)
        {
            return 0;
        }
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var playlist in playlists)
        {
            var content = (await account.Live.GetBlobClient(playlist).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
            foreach (var uri in M3u8.ListedUris(content))
            {
                if (M3u8.ResolveRelative(playlist, uri) is { } name)
                {
                    listed.Add(name);
                }
            }
        }
        var deleted = 0;
        foreach (var name in candidates.Where(c => !listed.Contains(c)))
        {
            var response = await account.Live.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.Value)
            {
                deleted++;
            }
        }
        if (deleted > 0)
        {
            Log.LiveSwept(logger, deleted, account.Live.Name);
        }
        return deleted;
    }
}
