using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Storage;
using RafeCast.Storage.Access;
using RafeCast.Storage.Outbox;
using RafeCast.Testing;
using static RafeCast.PipelineBench.StorageBenchSupport;

namespace RafeCast.PipelineBench;

/// <summary>
/// Segment close → visible: from handing a closed segment to the outbox to an HTTP GET of the live playlist (with a
/// viewer SAS, as a player would) listing it, p50/p95, on loopback Azurite. Baseline in the same run: the least
/// any publisher must do — a plain SDK upload of the segment and then of the playlist — timed the same way.
/// Options: --segments N (default 40) --size-kb K (default 512) --interval-ms M (default 500).
/// </summary>
public sealed class StorageCloseToVisibleBenchmark : IPipelineBenchmark
{
    public string Name => "storage-latency";

    public string Description => "Segment close -> visible in the live playlist over HTTP, p50/p95, vs plain SDK segment+playlist upload";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var segments = Arg(args, "--segments", 40);
        var sizeKb = Arg(args, "--size-kb", 512);
        var interval = TimeSpan.FromMilliseconds(Arg(args, "--interval-ms", 500));
        using var work = new TempDirectory("rafecast-bench-latency");
        var files = Files(work.Combine("spool"), segments, sizeKb * 1024);
        await using var azurite = await StartAzuriteAsync(cancellationToken);
        using var http = new HttpClient();

        var baseline = await MeasureAsync(azurite, http, files, interval, async (account, i, file, ct) =>
        {
            await account.Live.GetBlobClient($"{BenchStream}/720p/{Path.GetFileName(file)}").UploadAsync(file, new BlobUploadOptions(), ct);
            await account.Live.GetBlobClient($"{BenchStream}/720p/index.m3u8").UploadAsync(BinaryData.FromString(LivePlaylist(i)), overwrite: true, ct);
        }, null, cancellationToken);

        using var outbox = DurableOutbox.Open(work.Combine("outbox"), 1L << 40, TimeProvider.System, NullLogger<DurableOutbox>.Instance);
        OutboxUploader? uploader = null;
        var ours = await MeasureAsync(azurite, http, files, interval, (account, i, file, ct) =>
        {
            outbox.EnqueueSegment(Tagged(file, i, DateTimeOffset.UtcNow - TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)),
                [new PlaylistText("720p/index.m3u8", LivePlaylist(i))], []);
            return Task.CompletedTask;
        }, account =>
        {
            uploader = new OutboxUploader(outbox, StorageAccountProvider.For(account), new NoPublisher(), TimeProvider.System, NullLogger<OutboxUploader>.Instance);
            return uploader.StartAsync(cancellationToken);
        }, cancellationToken);
        if (uploader is not null)
        {
            await uploader.StopAsync(CancellationToken.None);
            uploader.Dispose();
        }

        string Line(string what, IReadOnlyList<double> ms) => string.Create(CultureInfo.InvariantCulture, $"{what}: p50 {Percentile(ms, 50):F0} ms, p95 {Percentile(ms, 95):F0} ms, max {ms.Max():F0} ms");
        Console.WriteLine(Line("plain SDK segment+playlist upload", baseline));
        Console.WriteLine(Line("publisher (outbox + uploader)", ours));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage-latency: {segments} x {sizeKb} KiB every {interval.TotalMilliseconds:F0} ms; publisher p95 {Percentile(ours, 95):F0} ms (target <= 500), ratio to baseline p95 {Percentile(ours, 95) / Percentile(baseline, 95):F2} ({Machine()})"));
        return 0;
    }

    private static async Task<List<double>> MeasureAsync(RafeCast.Storage.Azurite.AzuriteProcess azurite, HttpClient http, IReadOnlyList<string> files, TimeSpan interval,
        Func<BlobStorageAccount, long, string, CancellationToken, Task> publish, Func<BlobStorageAccount, Task>? start, CancellationToken cancellationToken)
    {
        var account = await NewAccountAsync(azurite, cancellationToken);
        if (start is not null)
        {
            await start(account);
        }
        var viewer = await new SasIssuer(account, TimeProvider.System).ViewerLiveContainerAsync(cancellationToken);
        var playlistUrl = new BlobUriBuilder(viewer) { BlobName = $"{BenchStream}/720p/index.m3u8" }.ToUri();
        var latencies = new List<double>();
        using var pace = new PeriodicTimer(interval);
        for (var i = 0; i < files.Count; i++)
        {
            await pace.WaitForNextTickAsync(cancellationToken);
            var closed = Stopwatch.GetTimestamp();
            var publishing = publish(account, i, files[i], cancellationToken);
            var wanted = $"\n{i}.ts";
            using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
            while (await poll.WaitForNextTickAsync(cancellationToken))
            {
                using var response = await http.GetAsync(playlistUrl, cancellationToken);
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains(wanted, StringComparison.Ordinal))
                {
                    break;
                }
            }
            latencies.Add(Stopwatch.GetElapsedTime(closed).TotalMilliseconds);
            await publishing;
        }
        return latencies.Skip(2).ToList(); // the first two pay for connection set-up and JIT
    }
}
