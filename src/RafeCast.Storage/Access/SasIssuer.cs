using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace RafeCast.Storage.Access;

/// <summary>
/// Issues shared access signatures: viewers get read-only URLs scoped to the live container and valid for
/// <see cref="StorageOptions.ViewerSasLifetime"/>; editors get read + list + find-by-tags on the archive for
/// <see cref="StorageOptions.EditorSasLifetime"/>. With an account key (Azurite) these are service SAS; with an
/// account URL and a credential they are user delegation SAS (the identity needs a "Storage Blob Delegator" right).
/// A SAS is a secret: hand it to its user, never log it.
/// </summary>
public sealed class SasIssuer(BlobStorageAccount account, TimeProvider time)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>A read-only SAS URL for the live container (blob reads only: no list, no write).</summary>
    public Task<Uri> ViewerLiveContainerAsync(CancellationToken cancellationToken) =>
        ContainerSasAsync(account.Live, BlobContainerSasPermissions.Read, account.Options.ViewerSasLifetime, cancellationToken);

    /// <summary>A read + list + filter (find by tags) SAS URL for the archive container.</summary>
    public Task<Uri> EditorArchiveContainerAsync(CancellationToken cancellationToken) =>
        ContainerSasAsync(account.Archive, BlobContainerSasPermissions.Read | BlobContainerSasPermissions.List | BlobContainerSasPermissions.Filter,
            account.Options.EditorSasLifetime, cancellationToken);

    /// <summary>A viewer URL for one live blob (e.g. <c>{stream}/master.m3u8</c>), read-only, short-lived.</summary>
    public async Task<Uri> ViewerLiveBlobAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await ViewerLiveContainerAsync(cancellationToken).ConfigureAwait(false);
        var builder = new BlobUriBuilder(container) { BlobName = blobName };
        return builder.ToUri();
    }

    private async Task<Uri> ContainerSasAsync(BlobContainerClient container, BlobContainerSasPermissions permissions, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var builder = new BlobSasBuilder(permissions, now + lifetime)
        {
            BlobContainerName = container.Name,
            Resource = "c",
            StartsOn = now - ClockSkew,
            Protocol = container.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        string query;
        if (account.SharedKey is { } key)
        {
            query = builder.ToSasQueryParameters(key).ToString();
        }
        else if (account.Credential is not null)
        {
            UserDelegationKey delegationKey = await account.Service.GetUserDelegationKeyAsync(now - ClockSkew, now + lifetime, cancellationToken).ConfigureAwait(false);
            query = builder.ToSasQueryParameters(delegationKey, account.AccountName).ToString();
        }
        else
        {
            throw new InvalidOperationException("This account was opened with a SAS connection string: it cannot issue SAS of its own. Configure an account key or an account URL with an identity.");
        }
        return new UriBuilder(container.Uri) { Query = query }.Uri;
    }
}
