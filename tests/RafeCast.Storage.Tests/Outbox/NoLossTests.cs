using System.Diagnostics;
using Azure.Storage.Blobs.Models;
using RafeCast.Storage.Azurite;
using RafeCast.Storage.Layout;
using RafeCast.Storage.Tests.Infrastructure;
using RafeCast.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace RafeCast.Storage.Tests.Outbox;

/// <summary>Storage goes away, the publisher dies: every segment still ends up in the archive exactly once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class NoLossTests(AzuriteFixture azurite, TestMedia media) : IDisposable
{
    private readonly TempDirectory _dir = new("rafecast-noloss");

    public void Dispose() => _dir.Dispose();

    private static string Prefix => BlobLayout.FlightPrefix(TestSegments.Flight, new DateOnly(2026, 11, 26)) + "v1-cam0/720p/";

    [Fact]
    public async Task Publish_AzuriteDownFor30SecondsMidStream_EverySegmentArchivedOnceWithMatchingMd5AndLiveSkipsToTheEdge()
    {
        var port = FreePort.Tcp();
        var data = _dir.Combine("azurite");
        var first = await AzuriteProcess.StartAsync(AzuriteFixture.Executable, port, data, NullLogger.Instance, CancellationToken.None);
        var account = await azurite.NewAccountAsync(TestAccounts.Options(first.ConnectionString));
        var logs = new ListLoggerFactory();
        await using var publisher = await RunningPublisher.StartAsync(account, _dir.Combine("outbox"), logs);
        var spool = TestSegments.Spool(_dir.Combine("spool"), media.Segments, 70);
        var expected = new Dictionary<string, string>();
        var sequence = 0;
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        async Task Capture(int count)
        {
            for (var i = 0; i < count; i++, sequence++)
            {
                publisher.Outbox.EnqueueSegment(TestSegments.Tagged(spool[sequence], sequence), [TestSegments.LivePlaylist(sequence)], [TestSegments.EventPlaylist(sequence)]);
                expected[Prefix + $"{sequence}.ts"] = spool[sequence];
                await pace.WaitForNextTickAsync();
            }
        }
        AzuriteProcess? second = null;
        try
        {
            await Capture(4);
            await publisher.WaitDrainedAsync(TimeSpan.FromSeconds(30));

            await first.StopAsync(); // storage goes away mid-stream (stopped, so it keeps its data for the restart)
            await Capture(60);        // 30 s of capture with storage unreachable
            var backlog = publisher.Outbox.PendingCount;
            second = await AzuriteProcess.StartAsync(AzuriteFixture.Executable, port, data, NullLogger.Instance, CancellationToken.None);
            await Capture(4);
            await publisher.WaitDrainedAsync(TimeSpan.FromSeconds(90));

            Assert.True(backlog >= 60, $"capture should have gone on into the outbox during the outage (backlog {backlog})");
            await ArchiveAssertions.EverySegmentExactlyOnceAsync(account, Prefix, expected);
            Assert.True(publisher.Uploader.LivePlaylistsSkipped >= 30, $"live should skip stale playlists after the outage (skipped {publisher.Uploader.LivePlaylistsSkipped})");
            var live = (await account.Live.GetBlobClient("v1-cam0/720p/index.m3u8").DownloadContentAsync()).Value.Content.ToString();
            Assert.Contains($"\n{sequence - 1}.ts", live, StringComparison.Ordinal);
            Assert.Contains(logs.Lines, l => l.Contains("Upload failed", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains(StorageConnectionStringKey(), StringComparison.Ordinal));
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task Publish_PublisherKilledMidUploadThenRestarted_EverySegmentArchivedOnceWithMatchingMd5()
    {
        const int Count = 40;
        var options = azurite.NewOptions();
        var account = await azurite.NewAccountAsync(options);
        var spool = TestSegments.Spool(_dir.Combine("spool"), media.Segments, Count);
        var outbox = _dir.Combine("outbox");

        using (var host = StartHost(options, outbox, _dir.Combine("spool"), Count))
        {
            await Eventually.Until(async () => await CountArchivedAsync(account) >= Count / 4, TimeSpan.FromSeconds(60), "the first quarter of the segments in the archive");
            host.Kill(); // SIGKILL: no cleanup of any kind
            await host.WaitForExitAsync();
        }
        var archivedBeforeRestart = await CountArchivedAsync(account);
        using (var restarted = StartHost(options, outbox, null, 0))
        {
            await restarted.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            Assert.Equal(0, restarted.ExitCode);
        }

        Assert.InRange(archivedBeforeRestart, Count / 4, Count - 1);
        await ArchiveAssertions.EverySegmentExactlyOnceAsync(account, Prefix,
            Enumerable.Range(0, Count).ToDictionary(i => Prefix + $"{i}.ts", i => spool[i]));
    }

    private static async Task<int> CountArchivedAsync(BlobStorageAccount account)
    {
        var count = 0;
        await foreach (var blob in account.Archive.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, CancellationToken.None))
        {
            count += blob.Name.EndsWith(".ts", StringComparison.Ordinal) ? 1 : 0;
        }
        return count;
    }

    private static Process StartHost(StorageOptions options, string outbox, string? spool, int count)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { typeof(PublisherHostProgram).Assembly.Location, PublisherHostProgram.Verb, outbox, options.LiveContainer, options.ArchiveContainer })
        {
            start.ArgumentList.Add(a);
        }
        if (spool is not null)
        {
            start.ArgumentList.Add(spool);
            start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        start.Environment[PublisherHostProgram.ConnectionVariable] = options.ConnectionString;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string StorageConnectionStringKey() => "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq";
}
