using System.Security.Cryptography;
using RafeCast.Storage.Archive;
using RafeCast.Storage.Tests.Infrastructure;
using RafeCast.Testing;

namespace RafeCast.Storage.Tests.Archive;

[Collection(AzuriteCollection.Name)]
public sealed class ArchivePullerTests(AzuriteFixture azurite, TestMedia media) : IDisposable
{
    private readonly TempDirectory _out = new("rafecast-pull");

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Pull_Flight_CopiesEveryFileVerifiedWithRelativePlaylists()
    {
        var scenario = await ArchiveScenario.GetAsync(azurite, media);
        var prefix = ArchiveScenario.PrefixOf(ArchiveScenario.A);

        var result = await new ArchivePuller(scenario.Account.Archive).PullAsync(prefix, _out.Path, 4, null, CancellationToken.None);

        foreach (var (name, local) in scenario.Files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var copy = Path.Combine(_out.Path, name[prefix.Length..]);
            Assert.Equal(MD5.HashData(await File.ReadAllBytesAsync(local)), MD5.HashData(await File.ReadAllBytesAsync(copy)));
        }
        var playlist = await File.ReadAllTextAsync(Path.Combine(_out.Path, "v1-cam0", "720p", "index.m3u8"));
        Assert.Contains("\n3.ts", playlist, StringComparison.Ordinal);
        Assert.DoesNotContain("http", playlist, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out.Path, "flight.json")));
        Assert.Empty(Directory.GetFiles(_out.Path, "*.part", SearchOption.AllDirectories));
        Assert.True(result.Files >= 6);
    }

    [Fact]
    public async Task Pull_InterruptedThenRun_Resumes_AndVerifiesMd5()
    {
        var scenario = await ArchiveScenario.GetAsync(azurite, media);
        var prefix = ArchiveScenario.PrefixOf(ArchiveScenario.B);
        var puller = new ArchivePuller(scenario.Account.Archive);
        using var interrupt = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (!p.Done && p.Bytes > 0)
            {
                interrupt.Cancel(); // mid-file: as if the editor's laptop lost the network
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => puller.PullAsync(prefix, _out.Path, 1, progress, interrupt.Token));
        var partial = Assert.Single(Directory.GetFiles(_out.Path, "*.part", SearchOption.AllDirectories));
        var partialLength = new FileInfo(partial).Length;
        var total = scenario.Files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(f => new FileInfo(f.Value).Length);
        var result = await puller.PullAsync(prefix, _out.Path, 4, null, CancellationToken.None);

        Assert.InRange(partialLength, 1, total - 1);
        Assert.Equal(1, result.Resumed);
        Assert.True(result.BytesDownloaded < total + 20_000, "the second run fetched the rest, not everything again");
        foreach (var (name, local) in scenario.Files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Assert.Equal(MD5.HashData(await File.ReadAllBytesAsync(local)), MD5.HashData(await File.ReadAllBytesAsync(Path.Combine(_out.Path, name[prefix.Length..]))));
        }
    }

    [Fact]
    public async Task Pull_PartialFileDamagedOnDisk_IsDetectedByMd5AndFetchedAgain()
    {
        var scenario = await ArchiveScenario.GetAsync(azurite, media);
        var prefix = ArchiveScenario.PrefixOf(ArchiveScenario.C);
        var puller = new ArchivePuller(scenario.Account.Archive);
        using var interrupt = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (!p.Done && p.Bytes > 0 && p.Name.EndsWith(".ts", StringComparison.Ordinal))
            {
                interrupt.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => puller.PullAsync(prefix, _out.Path, 1, progress, interrupt.Token));
        var partial = Assert.Single(Directory.GetFiles(_out.Path, "*.ts.part", SearchOption.AllDirectories));
        var bytes = await File.ReadAllBytesAsync(partial);
        bytes[0] ^= 0xFF; // a bad sector, a buggy copy: the resumed file will not match
        await File.WriteAllBytesAsync(partial, bytes);

        var result = await puller.PullAsync(prefix, _out.Path, 2, null, CancellationToken.None);

        Assert.Equal(1, result.Redownloaded);
        var name = Path.GetFileName(partial)[..^".part".Length];
        var original = scenario.Files.Single(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && f.Key.EndsWith("/" + name, StringComparison.Ordinal)).Value;
        Assert.Equal(MD5.HashData(await File.ReadAllBytesAsync(original)), MD5.HashData(await File.ReadAllBytesAsync(partial[..^".part".Length])));
    }

    /// <summary>Reports on the caller's thread, so the interruption happens exactly where the test says.</summary>
    private sealed class SynchronousProgress(Action<PullProgress> report) : IProgress<PullProgress>
    {
        public void Report(PullProgress value) => report(value);
    }
}
