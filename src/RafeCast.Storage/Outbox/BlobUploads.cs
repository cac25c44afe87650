using System.Security.Cryptography;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace RafeCast.Storage.Outbox;

/// <summary>How an idempotent create ended.</summary>
internal enum CreateOutcome
{
    /// <summary>This call wrote the blob.</summary>
    Created,
    /// <summary>The blob was already there with the same MD5: an earlier attempt (whose answer was lost) wrote it.</summary>
    AlreadyPresent,
    /// <summary>A different blob already holds the name; nothing was overwritten.</summary>
    Conflict,
}

/// <summary>The two kinds of upload the publisher makes, each with a transactional MD5.</summary>
internal static class BlobUploads
{
    public static byte[] Md5Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        return MD5.HashData(stream);
    }

    /// <summary>
    /// Creates blob <paramref name="name"/> only if it does not exist (If-None-Match: *). When it exists — typically
    /// because an earlier attempt succeeded but its answer was lost — its MD5 is compared instead of writing again.
    /// </summary>
    /// <remarks>
    /// The SDK sends the transactional MD5 (Content-MD5) and the service checks it and keeps it as the blob's MD5;
    /// the local MD5 is only computed when a create finds the blob already there.
    /// </remarks>
    public static async Task<CreateOutcome> CreateOnceAsync(BlobContainerClient container, string name, string path, BlobHttpHeaders headers,
        IDictionary<string, string>? metadata, IDictionary<string, string>? tags, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = headers,
            Metadata = metadata,
            Tags = tags,
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            // The SDK computes the transactional MD5 itself: it refuses a precalculated one for uploads it might partition.
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
        };
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            // One Put Blob (BlockBlobClient.Upload never partitions): If-None-Match and the MD5 cover the whole blob in one request.
            await container.GetBlockBlobClient(name).UploadAsync(stream, options, cancellationToken).ConfigureAwait(false);
            return CreateOutcome.Created;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            var blob = container.GetBlobClient(name);
            var existing = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var same = existing.Value.ContentHash is { } hash && hash.AsSpan().SequenceEqual(Md5Of(path));
            if (same && tags is not null)
            {
                // The earlier attempt may have died between the blob and its tags on a multi-request upload: make sure.
                await blob.SetTagsAsync(tags, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            return same ? CreateOutcome.AlreadyPresent : CreateOutcome.Conflict;
        }
    }

    /// <summary>Writes <paramref name="content"/> over whatever is there (playlists, manifests, sidecars): a retry writes the same bytes again.</summary>
    public static async Task UploadOverwriteAsync(BlobContainerClient container, string name, BinaryData content, BlobHttpHeaders headers,
        IDictionary<string, string>? metadata, IDictionary<string, string>? tags, CancellationToken cancellationToken)
    {
        var md5 = MD5.HashData(content.ToMemory().Span);
        headers.ContentHash = md5;
        var options = new BlobUploadOptions
        {
            HttpHeaders = headers,
            Metadata = metadata,
            Tags = tags,
            // The SDK computes the transactional MD5 itself: it refuses a precalculated one for uploads it might partition.
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
        };
        await container.GetBlockBlobClient(name).UploadAsync(content.ToStream(), options, cancellationToken).ConfigureAwait(false);
    }
}
