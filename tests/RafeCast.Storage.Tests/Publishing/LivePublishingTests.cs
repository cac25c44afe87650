using System.Collections.Concurrent;
using System.Net;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;
using RafeCast.Pipeline.Events;
using RafeCast.Storage.Access;
using RafeCast.Storage.Layout;
using RafeCast.Storage.Live;
using RafeCast.Storage.Tests.Infrastructure;
using RafeCast.Testing;

namespace RafeCast.Storage.Tests.Publishing;

[Collection(AzuriteCollection.Name)]
public sealed class LivePublishingTests(AzuriteFixture azurite, TestMedia media) : IDisposable
{
    private readonly TempDirectory _dir = new("rafecast-live");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task LivePlaylist_PolledWhilePublishing_NeverListsAMissingSegment()
    {
        var account = await azurite.NewAccountAsync();
        var viewer = await new SasIssuer(account, TimeProvider.System).ViewerLiveContainerAsync(CancellationToken.None);
        await using var publisher = await RunningPublisher.StartAsync(account, _dir.Combine("outbox"));
        var spool = TestSegments.Spool(_dir.Combine("spool"), media.Segments, 16);
        using var http = new HttpClient();
        Uri Url(string name) => new BlobUriBuilder(viewer) { BlobName = name }.ToUri();
        var playlistUrl = Url($"{TestSegments.Stream}/{TestSegments.Rung}/index.m3u8");
        var masterUrl = Url($"{TestSegments.Stream}/master.m3u8");
        var missing = new ConcurrentBag<string>();
        var versions = new ConcurrentDictionary<string, bool>();
        using var stop = new CancellationTokenSource();

        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (url, name) in new[] { (masterUrl, $"{TestSegments.Stream}/master.m3u8"), (playlistUrl, $"{TestSegments.Stream}/{TestSegments.Rung}/index.m3u8") })
                {
                    using var response = await http.GetAsync(url);
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        continue; // not published yet: fine, nothing is listed
                    }
                    response.EnsureSuccessStatusCode();
                    var text = await response.Content.ReadAsStringAsync();
                    versions[text] = true;
                    foreach (var uri in M3u8.ListedUris(text))
                    {
                        using var listed = await http.GetAsync(Url(M3u8.ResolveRelative(name, uri)!));
                        if (listed.StatusCode != HttpStatusCode.OK)
                        {
                            missing.Add($"{uri} listed by {name} answered {(int)listed.StatusCode}");
                        }
                    }
                }
            }
        });

        using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(150)))
        {
            for (var i = 0; i < spool.Count; i++)
            {
                publisher.Outbox.EnqueueSegment(TestSegments.Tagged(spool[i], i), [TestSegments.LivePlaylist(i), TestSegments.Master()], [TestSegments.EventPlaylist(i)]);
                await pace.WaitForNextTickAsync();
            }
        }
        await publisher.WaitDrainedAsync(TimeSpan.FromSeconds(60));
        await Eventually.Until(() => versions.Keys.Any(v => v.Contains($"\n{spool.Count - 1}.ts", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), "the reader to see the last segment listed");
        await stop.CancelAsync();
        await reader;

        Assert.Empty(missing);
        Assert.True(versions.Count >= 4, $"the reader saw only {versions.Count} playlist versions");
        var published = publisher.Events.Published.OfType<SegmentPublished>().ToList();
        Assert.Equal(spool.Count, published.Count);
        Assert.All(published, p => Assert.NotNull(p.Published.BlobUri));
    }

    [Fact]
    public async Task Publish_Segment_LiveAndArchiveCarryContentTypesAndCacheControl()
    {
        var account = await azurite.NewAccountAsync();
        await using var publisher = await RunningPublisher.StartAsync(account, _dir.Combine("outbox"));
        var spool = TestSegments.Spool(_dir.Combine("spool"), media.Segments, 1);

        publisher.Outbox.EnqueueSegment(TestSegments.Tagged(spool[0], 0), [TestSegments.LivePlaylist(0), TestSegments.Master()], [TestSegments.EventPlaylist(0)]);
        await publisher.WaitDrainedAsync(TimeSpan.FromSeconds(30));

        var segment = (await account.Live.GetBlobClient("v1-cam0/720p/0.ts").GetPropertiesAsync()).Value;
        Assert.Equal("video/mp2t", segment.ContentType);
        Assert.Contains("immutable", segment.CacheControl, StringComparison.Ordinal);
        var playlist = (await account.Live.GetBlobClient("v1-cam0/720p/index.m3u8").GetPropertiesAsync()).Value;
        Assert.Equal("application/vnd.apple.mpegurl", playlist.ContentType);
        Assert.Equal("public, max-age=1", playlist.CacheControl);
        var archived = (await account.Archive.GetBlobClient("2026/11/26/20261126T103000Z-v1/v1-cam0/720p/0.ts").GetPropertiesAsync()).Value;
        Assert.Equal("video/mp2t", archived.ContentType);
        Assert.Equal("0", archived.Metadata["sequence"]);
        Assert.True((await account.Archive.GetBlobClient("2026/11/26/20261126T103000Z-v1/v1-cam0/720p/index.m3u8").ExistsAsync()).Value);
    }

    [Fact]
    public async Task SweepOnce_SegmentsOlderThanRetention_AreDeletedExceptThoseStillListed()
    {
        var account = await azurite.NewAccountAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        foreach (var name in new[] { "v1/720p/1.ts", "v1/720p/2.ts", "v1/720p/3.ts" })
        {
            await account.Live.UploadBlobAsync(name, BinaryData.FromString(name));
        }
        await account.Live.UploadBlobAsync("v1/720p/index.m3u8", BinaryData.FromString("#EXTM3U\n#EXTINF:1,\n3.ts\n"));
        var sweeper = new LiveRetentionSweeper(account, clock, new ListLoggerFactory().CreateLogger<LiveRetentionSweeper>());

        var early = await sweeper.SweepOnceAsync(CancellationToken.None);
        clock.Advance(account.Options.LiveRetention + TimeSpan.FromMinutes(1));
        var late = await sweeper.SweepOnceAsync(CancellationToken.None);

        Assert.Equal(0, early);
        Assert.Equal(2, late);
        Assert.False((await account.Live.GetBlobClient("v1/720p/1.ts").ExistsAsync()).Value);
        Assert.True((await account.Live.GetBlobClient("v1/720p/3.ts").ExistsAsync()).Value);
        Assert.True((await account.Live.GetBlobClient("v1/720p/index.m3u8").ExistsAsync()).Value);
    }

    [Fact]
    public async Task EnsureProvisioned_LiveContainer_AnswersABrowserPreflight()
    {
        var account = await azurite.NewAccountAsync();
        using var http = new HttpClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, account.Live.GetBlobClient("v1/master.m3u8").Uri);
        preflight.Headers.Add("Origin", "http://viewer.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");

        using var response = await http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins));
        Assert.Contains(origins, o => o is "*" or "http://viewer.example");
    }
}
