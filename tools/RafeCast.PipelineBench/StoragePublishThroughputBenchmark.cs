using System.Globalization;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Storage;
using RafeCast.Storage.Outbox;
using RafeCast.Testing;
using static RafeCast.PipelineBench.StorageBenchSupport;

namespace RafeCast.PipelineBench;

/// <summary>
/// Publish throughput of the uploader (If-None-Match, transactional MD5, tags, metadata, ledger, manifest)
/// draining a filled outbox, against plain SDK uploads of the same segment bytes, on one in-memory Azurite,
/// rounds alternated. Also reported: the same end to end, i.e. including the durable enqueue (hard link and
/// fsync of each segment, fsynced job record) that capture pays. Archive-only: the jobs carry no live
/// playlists, so every side uploads each segment once.
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
        await PlainAsync(azurite, files.Take(3).ToList(), md5: false, cancellationToken);
        await PublisherAsync(azurite, files.Take(3).ToList(), work.Combine("warm"), enqueueTimed: true, cancellationToken);

        var plain = new List<double>();
        var plainMd5 = new List<double>();
        var drain = new List<double>();
        var endToEnd = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            plain.Add(totalBytes / await PlainAsync(azurite, files, md5: false, cancellationToken) / 1e6);
            plainMd5.Add(totalBytes / await PlainAsync(azurite, files, md5: true, cancellationToken) / 1e6);
            drain.Add(totalBytes / await PublisherAsync(azurite, files, work.Combine($"drain-{round}"), enqueueTimed: false, cancellationToken) / 1e6);
            endToEnd.Add(totalBytes / await PublisherAsync(azurite, files, work.Combine($"e2e-{round}"), enqueueTimed: true, cancellationToken) / 1e6);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: plain SDK {plain[^1]:F1} MB/s (with MD5 {plainMd5[^1]:F1}), publisher drain {drain[^1]:F1} MB/s, with durable enqueue {endToEnd[^1]:F1} MB/s"));
        }
        var plainMedian = Percentile(plain, 50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage-throughput: {segments} x {sizeKb} KiB segments, {rounds} rounds; plain SDK median {plainMedian:F1} MB/s (plain SDK with transactional MD5 {Percentile(plainMd5, 50):F1}, ratio {Percentile(plainMd5, 50) / plainMedian:F2}); publisher drain median {Percentile(drain, 50):F1} MB/s, ratio {Percentile(drain, 50) / plainMedian:F2}; with durable enqueue median {Percentile(endToEnd, 50):F1} MB/s, ratio {Percentile(endToEnd, 50) / plainMedian:F2} ({Machine()})"));
        return 0;
    }

    private static async Task<double> PlainAsync(RafeCast.Storage.Azurite.AzuriteProcess azurite, IReadOnlyList<string> files, bool md5, CancellationToken cancellationToken)
    {
        var account = await NewAccountAsync(azurite, cancellationToken);
        return await TimeAsync(async () =>
        {
            foreach (var file in files)
            {
                var options = new BlobUploadOptions();
                if (md5)
                {
                    options.TransferValidation = new Azure.Storage.UploadTransferValidationOptions { ChecksumAlgorithm = Azure.Storage.StorageChecksumAlgorithm.MD5 };
                }
                await account.Archive.GetBlobClient("plain/" + Path.GetFileName(file)).UploadAsync(file, options, cancellationToken);
            }
        });
    }

    private static async Task<double> PublisherAsync(RafeCast.Storage.Azurite.AzuriteProcess azurite, IReadOnlyList<string> files, string outboxDirectory, bool enqueueTimed, CancellationToken cancellationToken)
    {
        var account = await NewAccountAsync(azurite, cancellationToken);
        using var outbox = DurableOutbox.Open(outboxDirectory, 1L << 40, TimeProvider.System, NullLogger<DurableOutbox>.Instance);
        using var uploader = new OutboxUploader(outbox, StorageAccountProvider.For(account), new NoPublisher(), TimeProvider.System, NullLogger<OutboxUploader>.Instance);
        var start = DateTimeOffset.UtcNow;
        void Enqueue()
        {
            for (var i = 0; i < files.Count; i++)
            {
                outbox.EnqueueSegment(Tagged(files[i], i, start + TimeSpan.FromSeconds(2 * i), TimeSpan.FromSeconds(2)), [], []);
            }
        }
        if (!enqueueTimed)
        {
            Enqueue(); // a backlog, as after an outage: only the upload is timed
        }
        return await TimeAsync(async () =>
        {
            await uploader.StartAsync(cancellationToken);
            if (enqueueTimed)
            {
                Enqueue();
            }
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
