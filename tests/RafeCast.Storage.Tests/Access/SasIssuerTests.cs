using System.Net;
using Azure;
using Azure.Storage.Blobs;
using RafeCast.Storage.Access;
using RafeCast.Storage.Tests.Infrastructure;

namespace RafeCast.Storage.Tests.Access;

[Collection(AzuriteCollection.Name)]
public sealed class SasIssuerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ViewerSas_CanReadLiveButCannotListOrWriteLiveOrTouchTheArchive()
    {
        var account = await azurite.NewAccountAsync();
        await account.Live.UploadBlobAsync("v1/master.m3u8", BinaryData.FromString("#EXTM3U\n"));
        await account.Archive.UploadBlobAsync("2026/11/26/f/flight.json", BinaryData.FromString("{}"));
        var viewer = await new SasIssuer(account, TimeProvider.System).ViewerLiveContainerAsync(CancellationToken.None);
        var live = new BlobContainerClient(viewer);
        // The same signature presented for the archive container.
        var archive = new BlobContainerClient(new UriBuilder(account.Archive.Uri) { Query = viewer.Query.TrimStart('?') }.Uri);

        var read = await live.GetBlobClient("v1/master.m3u8").DownloadContentAsync();
        var writeLive = await Assert.ThrowsAsync<RequestFailedException>(() => live.UploadBlobAsync("v1/evil.ts", BinaryData.FromString("x")));
        var listLive = await Assert.ThrowsAsync<RequestFailedException>(async () => { await foreach (var _ in live.GetBlobsAsync()) { } });
        var listArchive = await Assert.ThrowsAsync<RequestFailedException>(async () => { await foreach (var _ in archive.GetBlobsAsync()) { } });
        var readArchive = await Assert.ThrowsAsync<RequestFailedException>(() => archive.GetBlobClient("2026/11/26/f/flight.json").DownloadContentAsync());
        var writeArchive = await Assert.ThrowsAsync<RequestFailedException>(() => archive.UploadBlobAsync("2026/11/26/f/evil.ts", BinaryData.FromString("x")));

        Assert.Equal("#EXTM3U\n", read.Value.Content.ToString());
        Assert.Equal((int)HttpStatusCode.Forbidden, writeLive.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, listLive.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, listArchive.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, readArchive.Status);
        Assert.Equal((int)HttpStatusCode.Forbidden, writeArchive.Status);
        Assert.False((await account.Archive.GetBlobClient("2026/11/26/f/evil.ts").ExistsAsync()).Value);
    }

    [Fact]
    public async Task EditorSas_CanListReadAndFindInTheArchiveButNotWrite()
    {
        var account = await azurite.NewAccountAsync();
        await account.Archive.GetBlobClient("2026/11/26/f/flight.json").UploadAsync(BinaryData.FromString("{}"),
            new Azure.Storage.Blobs.Models.BlobUploadOptions { Tags = new Dictionary<string, string> { ["kind"] = "manifest" } });
        var editor = new BlobContainerClient(await new SasIssuer(account, TimeProvider.System).EditorArchiveContainerAsync(CancellationToken.None));

        var names = new List<string>();
        await foreach (var blob in editor.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }
        var found = new List<string>();
        await foreach (var hit in editor.FindBlobsByTagsAsync("\"kind\" = 'manifest'"))
        {
            found.Add(hit.BlobName);
        }
        var read = await editor.GetBlobClient("2026/11/26/f/flight.json").DownloadContentAsync();
        var write = await Assert.ThrowsAsync<RequestFailedException>(() => editor.UploadBlobAsync("2026/11/26/f/evil.ts", BinaryData.FromString("x")));

        Assert.Equal(["2026/11/26/f/flight.json"], names);
        Assert.Equal(["2026/11/26/f/flight.json"], found);
        Assert.Equal("{}", read.Value.Content.ToString());
        Assert.Equal((int)HttpStatusCode.Forbidden, write.Status);
    }

    [Fact]
    public async Task ViewerSas_IsShortLived()
    {
        var account = await azurite.NewAccountAsync();

        var viewer = await new SasIssuer(account, TimeProvider.System).ViewerLiveContainerAsync(CancellationToken.None);

        var expiry = DateTimeOffset.Parse(System.Web.HttpUtility.ParseQueryString(viewer.Query)["se"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiry - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), account.Options.ViewerSasLifetime + TimeSpan.FromMinutes(1));
        Assert.Equal("r", System.Web.HttpUtility.ParseQueryString(viewer.Query)["sp"]);
    }
}
