using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RafeCast.Core.Tagging;
using RafeCast.Storage.Layout;

namespace RafeCast.Storage.Outbox;

/// <summary>
/// The no-loss queue between capture and storage. Every tagged segment (and every per-flight file) is first
/// written here, durably, before anything goes to the network; the uploader drains it in order.
/// <para>
/// On disk (<see cref="Directory"/>): <c>data/</c> holds the outbox's own copies (hard links to spool
/// segments where possible), <c>jobs/{id}.json</c> one record per job, written only after its data is synced
/// and made visible by an atomic rename; <c>ledger/{flight}.jsonl</c> what each flight already has in the
/// archive (for its manifest); <c>tmp/</c> half-written files, discarded on open. A job is done when its record
/// is deleted; a crash at any point leaves either the job (redone idempotently) or nothing.
/// </para>
/// Enqueueing does local file work only (link, fsync, rename): capture never waits for the network.
/// </summary>
public sealed class DurableOutbox : IDisposable
{
    private const int RecordVersion = 1;
    private const double WarnFraction = 0.8;

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, OutboxJob> _pending = [];
    private readonly Pulse _changed = new();
    private long _nextId;
    private long _dataBytes;
    private bool _quotaWarned;
    private bool _quotaFullWarned;

    private DurableOutbox(string directory, long quotaBytes, TimeProvider time, ILogger logger)
    {
        Directory = directory;
        QuotaBytes = quotaBytes;
        _time = time;
        _logger = logger;
    }

    /// <summary>The outbox's root folder.</summary>
    public string Directory { get; }

    /// <summary>Bytes the outbox may hold in its own copies before it queues by reference.</summary>
    public long QuotaBytes { get; }

    internal string JobsDirectory => Path.Combine(Directory, "jobs");
    internal string DataDirectory => Path.Combine(Directory, "data");
    internal string LedgerDirectory => Path.Combine(Directory, "ledger");
    internal string TempDirectory => Path.Combine(Directory, "tmp");
    internal string FailedDirectory => Path.Combine(Directory, "failed");

    /// <summary>Jobs not yet fully published.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Bytes held in the outbox's own data copies.</summary>
    public long PendingDataBytes => Interlocked.Read(ref _dataBytes);

    /// <summary>
    /// Opens (creating when needed) the outbox in <paramref name="directory"/> and recovers what a previous run
    /// left: half-written files are discarded, committed jobs are queued again in their original order.
    /// </summary>
    public static DurableOutbox Open(string directory, long quotaBytes, TimeProvider time, ILogger<DurableOutbox> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quotaBytes);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var outbox = new DurableOutbox(Path.GetFullPath(directory), quotaBytes, time, logger);
        outbox.Recover();
        return outbox;
    }

    private void Recover()
    {
        foreach (var dir in new[] { Directory, JobsDirectory, DataDirectory, LedgerDirectory, TempDirectory })
        {
            System.IO.Directory.CreateDirectory(dir);
        }
        foreach (var tmp in System.IO.Directory.EnumerateFiles(TempDirectory))
        {
            File.Delete(tmp);
        }
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in System.IO.Directory.EnumerateFiles(JobsDirectory, "*.json"))
        {
            if (!long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }
            JobRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(File.ReadAllBytes(path), OutboxJson.Default.JobRecord);
            }
            catch (JsonException ex)
            {
                // A committed record is written whole before its rename, so this is disk damage: keep it for a human.
                MoveToFailed(path);
                Log.OutboxRecordUnreadable(_logger, ex, path);
                continue;
            }
            if (record is null)
            {
                continue;
            }
            var job = new OutboxJob(id, record, record.DataFile is { } data ? Path.Combine(DataDirectory, data) : null);
            _pending[id] = job;
            _nextId = Math.Max(_nextId, id);
            if (record.DataFile is { } file)
            {
                referenced.Add(file);
            }
        }
        foreach (var path in System.IO.Directory.EnumerateFiles(DataDirectory))
        {
            var name = Path.GetFileName(path);
            if (!referenced.Contains(name))
            {
                // Data whose record was never committed (crash between the two) or whose job finished.
                File.Delete(path);
                continue;
            }
            _dataBytes += new FileInfo(path).Length;
        }
        if (_pending.Count > 0)
        {
            Log.OutboxRecovered(_logger, _pending.Count, _dataBytes, Directory);
        }
    }

    /// <summary>
    /// Records a tagged segment for publishing: its bytes (linked or copied) and the playlist texts to upload
    /// after it (the flight's manifest follows when the queue holds nothing newer of the flight). Returns once the job is durable on disk.
    /// </summary>
    /// <param name="tagged">The segment and its tags.</param>
    /// <param name="livePlaylists">Live playlists that list this segment, relative to the stream folder; uploaded after it.</param>
    /// <param name="archivePlaylists">Event playlists of the flight, relative to the stream folder; uploaded after it.</param>
    /// <param name="closedUtc">When the segment was closed in the spool; defaults to its end time. Latency is measured from it.</param>
    /// <returns>The job id.</returns>
    /// <exception cref="FileNotFoundException">The segment file is not where <paramref name="tagged"/> says.</exception>
    public long EnqueueSegment(TaggedSegment tagged, IReadOnlyList<PlaylistText> livePlaylists, IReadOnlyList<PlaylistText> archivePlaylists, DateTimeOffset? closedUtc = null)
    {
        ArgumentNullException.ThrowIfNull(tagged);
        ArgumentNullException.ThrowIfNull(livePlaylists);
        ArgumentNullException.ThrowIfNull(archivePlaylists);
        var segment = tagged.Segment;
        if (!File.Exists(segment.Path))
        {
            throw new FileNotFoundException($"Segment {segment.Stream}/{segment.Rung}/{segment.Sequence} is not at {segment.Path}; nothing was queued.", segment.Path);
        }
        var prefix = BlobLayout.FlightPrefix(tagged.Flight, BlobLayout.ArchiveDate(tagged.Flight, segment.StartUtc));
        var record = SegmentRecord.From(tagged);
        var id = NextId();
        var (dataFile, size) = PlaceData(id, segment.Path, preferLink: true);
        var job = new JobRecord
        {
            Version = RecordVersion,
            Kind = JobKind.Segment,
            Flight = tagged.Flight.Value,
            FlightPrefix = prefix,
            VehicleSystemId = tagged.Vehicle.SystemId,
            VehicleComponentId = tagged.Vehicle.ComponentId,
            Pilot = tagged.Pilot,
            EnqueuedUtc = _time.GetUtcNow(),
            DataFile = dataFile,
            SourcePath = segment.Path,
            SizeBytes = size,
            Segment = record,
            ClosedUtc = closedUtc ?? segment.EndUtc,
            LivePlaylists = [.. livePlaylists],
            ArchivePlaylists = [.. archivePlaylists],
        };
        Commit(id, job);
        Log.SegmentQueued(_logger, segment.Stream.Value, segment.Rung, segment.Sequence, tagged.Flight.Value, dataFile is null);
        return id;
    }

    /// <summary>Records a per-flight file (sidecar, telemetry log) for the archive; the file is copied now.</summary>
    /// <exception cref="FileNotFoundException"><paramref name="sourcePath"/> does not exist.</exception>
    public long EnqueueFile(FlightFileUpload file, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        if (!File.Exists(sourcePath))
        {
            throw new FileNotFoundException($"{file.Kind} file {sourcePath} for flight {file.Flight} does not exist; nothing was queued.", sourcePath);
        }
        var prefix = BlobLayout.FlightPrefix(file.Flight, BlobLayout.ArchiveDate(file.Flight, file.FlightStartUtc));
        var archiveName = BlobLayout.ArchiveFlightFile(prefix, file.Name);
        var id = NextId();
        // Sidecars and logs may be rewritten in place by their writer: copy, never link.
        var (dataFile, size) = PlaceData(id, sourcePath, preferLink: false);
        var job = new JobRecord
        {
            Version = RecordVersion,
            Kind = JobKind.File,
            Flight = file.Flight.Value,
            FlightPrefix = prefix,
            VehicleSystemId = file.Vehicle.SystemId,
            VehicleComponentId = file.Vehicle.ComponentId,
            Pilot = file.Pilot,
            EnqueuedUtc = _time.GetUtcNow(),
            DataFile = dataFile,
            SourcePath = Path.GetFullPath(sourcePath),
            SizeBytes = size,
            ArchiveName = archiveName,
            FileKind = file.Kind,
            FlightStartUtc = file.FlightStartUtc,
        };
        Commit(id, job);
        Log.FileQueued(_logger, archiveName, file.Kind.ToString(), dataFile is null);
        return id;
    }

    /// <summary>Records in-memory content (a rendered sidecar) as a per-flight file.</summary>
    public long EnqueueFile(FlightFileUpload file, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(file);
        var staged = Path.Combine(TempDirectory, "staged-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(staged, content.ToArray());
        try
        {
            return EnqueueFile(file, staged);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    private long NextId() => Interlocked.Increment(ref _nextId);

    private (string? DataFile, long Size) PlaceData(long id, string source, bool preferLink)
    {
        var size = new FileInfo(source).Length;
        var used = Interlocked.Read(ref _dataBytes);
        if (used + size > QuotaBytes)
        {
            if (!_quotaFullWarned)
            {
                _quotaFullWarned = true;
                Log.OutboxQuotaFull(_logger, used, QuotaBytes, Directory);
            }
            // Nothing is dropped: the job points at the spool's file, which the spool keeps until it is published.
            return (null, size);
        }
        var name = id.ToString("D12", CultureInfo.InvariantCulture) + Path.GetExtension(source);
        FileDurability.LinkOrCopy(source, Path.Combine(DataDirectory, name), TempDirectory, preferLink);
        var now = Interlocked.Add(ref _dataBytes, size);
        if (now >= QuotaBytes * WarnFraction && !_quotaWarned)
        {
            _quotaWarned = true;
            Log.OutboxQuotaWarning(_logger, now, QuotaBytes, Directory);
        }
        return (name, size);
    }

    private void Commit(long id, JobRecord record)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, OutboxJson.Default.JobRecord);
        FileDurability.WriteAtomically(JobPath(id), bytes, TempDirectory);
        var job = new OutboxJob(id, record, record.DataFile is { } data ? Path.Combine(DataDirectory, data) : null);
        lock (_gate)
        {
            _pending[id] = job;
        }
        _changed.Signal();
    }

    private string JobPath(long id) => Path.Combine(JobsDirectory, id.ToString("D12", CultureInfo.InvariantCulture) + ".json");

    /// <summary>A task that completes the next time a job is added or finished.</summary>
    internal Task WaitForChangeAsync(CancellationToken cancellationToken) => _changed.WaitAsync(cancellationToken);

    /// <summary>The pending jobs in order (a snapshot).</summary>
    internal IReadOnlyList<OutboxJob> Snapshot()
    {
        lock (_gate)
        {
            return [.. _pending.Values];
        }
    }

    /// <summary>The oldest job whose archive part is not done, or null.</summary>
    internal OutboxJob? NextArchiveJob()
    {
        lock (_gate)
        {
            foreach (var job in _pending.Values)
            {
                if (!job.ArchiveDone)
                {
                    return job;
                }
            }
            return null;
        }
    }

    /// <summary>The first job after <paramref name="job"/> whose archive part is not done, or null.</summary>
    internal OutboxJob? NextArchiveJobAfter(OutboxJob job)
    {
        lock (_gate)
        {
            foreach (var (id, other) in _pending)
            {
                if (id > job.Id && !other.ArchiveDone)
                {
                    return other;
                }
            }
            return null;
        }
    }

    /// <summary>True when a job queued after <paramref name="job"/> matches <paramref name="supersedes"/>.</summary>
    internal bool HasLaterJob(OutboxJob job, Func<OutboxJob, bool> supersedes)
    {
        lock (_gate)
        {
            foreach (var (id, other) in _pending)
            {
                if (id > job.Id && supersedes(other))
                {
                    return true;
                }
            }
            return false;
        }
    }

    internal void MarkArchiveDone(OutboxJob job) => Mark(job, archive: true);

    internal void MarkLiveDone(OutboxJob job) => Mark(job, archive: false);

    private void Mark(OutboxJob job, bool archive)
    {
        bool finished;
        lock (_gate)
        {
            if (archive)
            {
                job.ArchiveDone = true;
            }
            else
            {
                job.LiveDone = true;
            }
            finished = job.ArchiveDone && job.LiveDone && _pending.Remove(job.Id);
        }
        if (finished)
        {
            // Record first: once it is gone the job is done; a crash before the data is deleted leaves an orphan
            // that the next open removes. No directory sync: if the deletion is lost in a crash, the job is
            // simply published again, which is idempotent.
            File.Delete(JobPath(job.Id));
            if (job.DataPath is { } data)
            {
                var size = job.Record.SizeBytes;
                File.Delete(data);
                Interlocked.Add(ref _dataBytes, -size);
            }
            if (Interlocked.Read(ref _dataBytes) < QuotaBytes * WarnFraction / 2)
            {
                _quotaWarned = false;
                _quotaFullWarned = false;
            }
            job.Finished.TrySetResult();
            _changed.Signal();
        }
    }

    /// <summary>Moves a job that can never be published (its bytes are gone) to failed/ for a human, and drops it from the queue.</summary>
    internal void Fail(OutboxJob job, string reason)
    {
        lock (_gate)
        {
            _pending.Remove(job.Id);
        }
        MoveToFailed(JobPath(job.Id));
        if (job.DataPath is { } data && File.Exists(data))
        {
            Interlocked.Add(ref _dataBytes, -job.Record.SizeBytes);
            MoveToFailed(data);
        }
        Log.JobFailedPermanently(_logger, job.Id, job.Record.Kind.ToString(), reason, FailedDirectory);
        job.Finished.TrySetResult();
        _changed.Signal();
    }

    private void MoveToFailed(string path)
    {
        System.IO.Directory.CreateDirectory(FailedDirectory);
        if (File.Exists(path))
        {
            File.Move(path, Path.Combine(FailedDirectory, Path.GetFileName(path)), overwrite: true);
        }
    }

    /// <summary>The flight ledger's path.</summary>
    internal string LedgerPath(string flight) => Path.Combine(LedgerDirectory, flight + ".jsonl");

    public void Dispose() => _changed.Dispose();
}

/// <summary>One job in memory: its record, where its bytes are, and which of its parts are done.</summary>
internal sealed class OutboxJob(long id, JobRecord record, string? dataPath)
{
    public long Id { get; } = id;
    public JobRecord Record { get; } = record;
    public string? DataPath { get; } = dataPath;

    /// <summary>The archive part is done (segment, event playlists, file or manifest uploaded).</summary>
    public bool ArchiveDone { get; set; }

    /// <summary>The live part is done or not needed.</summary>
    public bool LiveDone { get; set; } = record.Kind != JobKind.Segment || record.LivePlaylists.Count == 0;

    /// <summary>When the segment became visible to live viewers (its playlist uploaded), if it did.</summary>
    public DateTimeOffset? LiveVisibleUtc { get; set; }

    /// <summary>The live blob URL, once uploaded.</summary>
    public Uri? LiveUri { get; set; }

    /// <summary>The archive blob URL, once uploaded.</summary>
    public Uri? ArchiveUri { get; set; }

    /// <summary>The bytes to upload: the outbox's copy, else the spool file it points at.</summary>
    public string BytesPath => DataPath ?? Record.SourcePath ?? throw new InvalidOperationException($"Job {Id} carries no bytes.");

    private int _announced;

    /// <summary>The archive create of this segment, started early while the job before it finishes.</summary>
    public Task<(CreateOutcome Outcome, string Name)>? ArchiveCreate { get; set; }

    /// <summary>True exactly once: the caller announces the job as published.</summary>
    public bool TryClaimAnnouncement() => Interlocked.Exchange(ref _announced, 1) == 0;

    /// <summary>Completes when the job has left the queue.</summary>
    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A level-triggered wake-up: waiters see any signal raised since they last woke.</summary>
internal sealed class Pulse : IDisposable
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Signal()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            fired = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        fired.TrySetResult();
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _next.Task.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _next.TrySetCanceled();
        }
    }
}
