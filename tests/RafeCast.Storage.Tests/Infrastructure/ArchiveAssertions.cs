using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;

namespace RafeCast.Storage.Tests.Infrastructure;

public static class ArchiveAssertions
{
    /// <summary>
    /// The archive holds exactly the given segment blobs under <paramref name="prefix"/> (no more, none twice,
    /// none under another name) and each one's stored MD5 and downloaded bytes match the local file.
    /// </summary>
    public static async Task EverySegmentExactlyOnceAsync(BlobStorageAccount account, string prefix, IReadOnlyDictionary<string, string> expectedFiles)
    {
        var names = new List<string>();
        await foreach (var blob in account.Archive.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            if (blob.Name.EndsWith(".ts", StringComparison.Ordinal))
            {
                names.Add(blob.Name);
            }
        }
        Assert.Equal(expectedFiles.Keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        foreach (var (name, file) in expectedFiles)
        {
            var local = MD5.HashData(await File.ReadAllBytesAsync(file));
            var client = account.Archive.GetBlobClient(name);
            var properties = (await client.GetPropertiesAsync()).Value;
            Assert.True(local.AsSpan().SequenceEqual(properties.ContentHash), $"{name}: stored MD5 differs from the segment's");
            var downloaded = (await client.DownloadContentAsync()).Value.Content.ToArray();
            Assert.True(local.AsSpan().SequenceEqual(MD5.HashData(downloaded)), $"{name}: downloaded bytes differ from the segment's");
        }
    }
}
