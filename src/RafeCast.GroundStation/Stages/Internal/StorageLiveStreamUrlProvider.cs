using Microsoft.Extensions.Logging;
using RafeCast.Core.Video;
using RafeCast.GroundStation.Viewer;
using RafeCast.GroundStation.Viewer.Internal;
using RafeCast.Storage;
using RafeCast.Storage.Access;
using RafeCast.Storage.Layout;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Viewers play live HLS straight from the storage account's <c>live</c> container with a read-only SAS (no list,
/// no write, <c>RafeCast:Storage:ViewerSasLifetime</c>), renewed when half its lifetime is gone. While storage
/// cannot be reached, or before a stream's master playlist is there, the station's local HLS is the fallback.
/// </summary>
internal sealed class StorageLiveStreamUrlProvider(StorageAccountProvider accounts, LocalHlsUrlProvider local, TimeProvider time, ILogger<StorageLiveStreamUrlProvider> logger) : ILiveStreamUrlProvider
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (Uri Container, DateTimeOffset IssuedUtc, DateTimeOffset ExpiresUtc)? _sas;

    public async ValueTask<LiveStreamSource?> GetSourceAsync(StreamId stream, CancellationToken cancellationToken)
    {
        try
        {
            var account = await accounts.GetAsync(cancellationToken).ConfigureAwait(false);
            var master = account.Live.GetBlobClient(BlobLayout.LivePlaylist(stream, FlightArchive.MasterName));
            if (!(await master.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
            {
                return await local.GetSourceAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            var (container, expires) = await SasAsync(account, cancellationToken).ConfigureAwait(false);
            return new LiveStreamSource(master.Uri, container.Query.TrimStart('?'), expires);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LiveUrlFallback(logger, stream.Value, SecretRedactor.Describe(ex));
            return await local.GetSourceAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(Uri Container, DateTimeOffset ExpiresUtc)> SasAsync(BlobStorageAccount account, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_sas is { } cached && now - cached.IssuedUtc < (cached.ExpiresUtc - cached.IssuedUtc) / 2)
            {
                return (cached.Container, cached.ExpiresUtc);
            }
            var container = await new SasIssuer(account, time).ViewerLiveContainerAsync(cancellationToken).ConfigureAwait(false);
            var expires = now + account.Options.ViewerSasLifetime;
            _sas = (container, now, expires);
            return (container, expires);
        }
        finally
        {
            _gate.Release();
        }
    }
}
