using System.Globalization;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Storage;
using RafeCast.Storage.Outbox;
using RafeCast.Testing;
using static RafeCast.PipelineBench.StorageBenchSupport;

namespace RafeCast.PipelineBench;

/// <summary>
/// Publish throughput of the outbox + uploader (durable enqueue with fsync, MD5, If-None-Match, tags, metadata,
/// event playlist, manifest) against plain SDK uploads of the same segment bytes, on one in-memory Azurite,
/// rounds alternated. Archive-only: the jobs carry no live playlists, so both sides upload each segment once.
/// Options: --segments N (default 60) --size-kb K (default 1024) --rounds R (default 3).
/// </summary>
public sealed class StoragePublishThroughputBenchmark : IPipelineBenchmark
{
    public string Name => "storage-throughput";

    public string Description => "Publish throughput (outbox + uploader) vs plain SDK uploads of the same bytes; ratio >= 0.9 wanted";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var segments = Arg(args, "--segments", 60);
        var sizeKb = Arg(args, "--size-kb", 1024);
        var rounds = Arg(args, "--rounds", 3);
        using var work = new TempDirectory("rafecast-bench-throughput");
        var files = Files(work.Combine("spool"), segments, sizeKb * 1024);
        var totalBytes = files.Sum(f => new FileInfo(f).Length);
        await using var azurite = await StartAzuriteAsync(cancellationToken);

        // One warm-up of each so neither side pays for JIT and connection set-up.
        await PlainAsync(azurite, files.Take(3).ToList(), cancellationToken);
        await PublisherAsync(azurite, files.Take(3).ToList(), work.Combine("warm"), cancellationToken);

        var plain = new List<double>();
        var ours = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            plain.Add(totalBytes / await PlainAsync(azurite, files, cancellationToken) / 1e6);
            ours.Add(totalBytes / await PublisherAsync(azurite, files, work.Combine($"outbox-{round}"), cancellationToken) / 1e6);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: plain SDK {plain[^1]:F1} MB/s, publisher {ours[^1]:F1} MB/s"));
        }
        var plainMedian = Percentile(plain, 50);
        var oursMedian = Percentile(ours, 50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage-throughput: {segments} x {sizeKb} KiB segments, {rounds} rounds; plain SDK median {plainMedian:F1} MB/s, publisher median {oursMedian:F1} MB/s, ratio {oursMedian / plainMedian:F2} ({Machine()})"));
        return 0;
    }

    private static async Task<double> PlainAsync(RafeCast.Storage.Azurite.AzuriteProcess azurite, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var account = await NewAccountAsync(azurite, cancellationToken);
        return await TimeAsync(async () =>
        {
            foreach (var file in files)
            {
                await account.Archive.GetBlobClient("plain/" + Path.GetFileName(file)).UploadAsync(file, new BlobUploadOptions(), cancellationToken);
            }
        });
    }

    private static async Task<double> PublisherAsync(RafeCast.Storage.Azurite.AzuriteProcess azurite, IReadOnlyList<string> files, string outboxDirectory, CancellationToken cancellationToken)
    {
        var account = await NewAccountAsync(azurite, cancellationToken);
        using var outbox = DurableOutbox.Open(outboxDirectory, 1L << 40, TimeProvider.System, NullLogger<DurableOutbox>.Instance);
        using var uploader = new OutboxUploader(outbox, StorageAccountProvider.For(account), new NoPublisher(), TimeProvider.System, NullLogger<OutboxUploader>.Instance);
        var start = DateTimeOffset.UtcNow;
        return await TimeAsync(async () =>
        {
            var drained = uploader.StartAsync(cancellationToken);
            for (var i = 0; i < files.Count; i++)
            {
                outbox.EnqueueSegment(Tagged(files[i], i, start + TimeSpan.FromSeconds(2 * i), TimeSpan.FromSeconds(2)), [], []);
            }
            await drained;
            while (true)
            {
                var wake = outbox.WaitForChangeAsync(cancellationToken);
                if (outbox.PendingCount == 0)
                {
                    break;
                }
                await wake;
            }
            await uploader.StopAsync(CancellationToken.None);
        });
    }
}
