using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RafeCast.Storage.Outbox;
using RafeCast.Storage.Tests.Infrastructure;
using RafeCast.Testing;

namespace RafeCast.Storage.Tests.Outbox;

public sealed class DurableOutboxTests : IDisposable
{
    private readonly TempDirectory _dir = new("rafecast-outbox");
    private readonly FakeTimeProvider _time = new(TestSegments.FlightStart);

    public void Dispose() => _dir.Dispose();

    private DurableOutbox Open(long quota = 1L << 30, ListLoggerFactory? logs = null) =>
        DurableOutbox.Open(_dir.Combine("outbox"), quota, _time, (logs ?? new ListLoggerFactory()).CreateLogger<DurableOutbox>());

    private string SpoolFile(int sequence, int size = 1000)
    {
        var path = _dir.Combine("spool", $"{sequence}.ts");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Enumerable.Range(0, size).Select(i => (byte)(i + sequence)).ToArray());
        return path;
    }

    [Fact]
    public void EnqueueSegment_ThenReopen_RecoversEveryJobInOrder()
    {
        using (var outbox = Open())
        {
            for (var i = 0; i < 3; i++)
            {
                outbox.EnqueueSegment(TestSegments.Tagged(SpoolFile(i), i), [TestSegments.LivePlaylist(i)], []);
            }
        }

        using var reopened = Open();

        var jobs = reopened.Snapshot();
        Assert.Equal(3, jobs.Count);
        Assert.Equal([0L, 1L, 2L], jobs.Where(j => j.Record.Kind == JobKind.Segment).Select(j => j.Record.Segment!.Sequence));
        Assert.True(jobs.Select(j => j.Id).SequenceEqual(jobs.Select(j => j.Id).Order()));
        Assert.Equal(TestSegments.LivePlaylist(1).Content, jobs.Single(j => j.Record.Segment?.Sequence == 1).Record.LivePlaylists[0].Content);
    }

    [Fact]
    public void EnqueueSegment_SpoolFileDeletedAfterwards_OutboxKeepsTheBytes()
    {
        var path = SpoolFile(7);
        var original = File.ReadAllBytes(path);
        using var outbox = Open();

        outbox.EnqueueSegment(TestSegments.Tagged(path, 7), [], []);
        File.Delete(path);

        var job = outbox.Snapshot().Single(j => j.Record.Kind == JobKind.Segment);
        Assert.Equal(original, File.ReadAllBytes(job.BytesPath));
    }

    [Fact]
    public void Open_AfterACrashMidWrite_DiscardsHalfWrittenFilesAndOrphanData()
    {
        using (var outbox = Open())
        {
            outbox.EnqueueSegment(TestSegments.Tagged(SpoolFile(0), 0), [], []);
        }
        var root = _dir.Combine("outbox");
        // A crash while writing the next job: a temp record, and data whose record was never committed.
        File.WriteAllText(Path.Combine(root, "tmp", "000000000002.json.x.tmp"), "{\"version\":1,\"ki");
        File.WriteAllBytes(Path.Combine(root, "data", "000000000002.ts"), new byte[10]);

        using var reopened = Open();

        Assert.Equal(1, reopened.PendingCount);
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "tmp")));
        Assert.False(File.Exists(Path.Combine(root, "data", "000000000002.ts")));
        Assert.Equal(1000, reopened.PendingDataBytes);
    }

    [Fact]
    public void Open_CorruptCommittedRecord_MovesItToFailedAndKeepsTheRest()
    {
        using (var outbox = Open())
        {
            outbox.EnqueueSegment(TestSegments.Tagged(SpoolFile(0), 0), [], []);
        }
        var root = _dir.Combine("outbox");
        File.WriteAllText(Path.Combine(root, "jobs", "000000000009.json"), "not json");
        var logs = new ListLoggerFactory();

        using var reopened = Open(logs: logs);

        Assert.Equal(1, reopened.PendingCount);
        Assert.True(File.Exists(Path.Combine(root, "failed", "000000000009.json")));
        Assert.Contains(logs.Lines, l => l.Contains("unreadable", StringComparison.Ordinal));
    }

    [Fact]
    public void EnqueueSegment_OverQuota_QueuesByReferenceAndWarns()
    {
        var logs = new ListLoggerFactory();
        using var outbox = Open(quota: 2500, logs: logs);

        for (var i = 0; i < 4; i++)
        {
            outbox.EnqueueSegment(TestSegments.Tagged(SpoolFile(i), i), [], []);
        }

        var segments = outbox.Snapshot().Where(j => j.Record.Kind == JobKind.Segment).ToList();
        Assert.Equal(4, segments.Count); // nothing dropped
        Assert.Equal(2, segments.Count(j => j.DataPath is not null));
        Assert.All(segments.Where(j => j.DataPath is null), j => Assert.Equal(j.Record.SourcePath, j.BytesPath));
        Assert.True(outbox.PendingDataBytes <= 2500);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("80 %", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("reached its disk quota", StringComparison.Ordinal));
    }

    [Fact]
    public void EnqueueSegment_MissingFile_ThrowsNamingThePathAndQueuesNothing()
    {
        using var outbox = Open();
        var missing = _dir.Combine("spool", "nope.ts");
        var tagged = TestSegments.Tagged(SpoolFile(0), 0) with { };
        tagged = tagged with { Segment = tagged.Segment with { Path = missing } };

        var error = Assert.Throws<FileNotFoundException>(() => outbox.EnqueueSegment(tagged, [], []));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, outbox.PendingCount);
    }

    [Fact]
    public void MarkDone_BothParts_DeletesRecordAndData()
    {
        using var outbox = Open();
        outbox.EnqueueSegment(TestSegments.Tagged(SpoolFile(0), 0), [TestSegments.LivePlaylist(0)], []);
        var job = outbox.Snapshot().Single(j => j.Record.Kind == JobKind.Segment);

        outbox.MarkArchiveDone(job);
        Assert.True(File.Exists(job.DataPath)); // the live part still needs the bytes
        outbox.MarkLiveDone(job);

        Assert.False(File.Exists(job.DataPath));
        Assert.Equal(0, outbox.PendingCount);
        Assert.Equal(0, outbox.PendingDataBytes);
    }
}
