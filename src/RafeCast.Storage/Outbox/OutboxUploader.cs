using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RafeCast.Core.Publishing;
using RafeCast.Pipeline.Events;
using RafeCast.Storage.Layout;
using RafeCast.Storage.Manifest;

namespace RafeCast.Storage.Outbox;

/// <summary>
/// Drains the <see cref="DurableOutbox"/> into blob storage, in two lanes:
/// <list type="bullet">
/// <item>the archive lane takes jobs strictly in order — each segment once (If-None-Match: *, transactional MD5,
/// a create that finds the blob verifies its MD5 instead of writing again), then its event playlists, sidecars
/// and the flight manifest;</item>
/// <item>the live lane serves viewers: for each stream rung it takes the newest queued segment, uploads the
/// segments its playlist lists and then the playlist, and skips the older playlists. After an outage viewers
/// jump to the live edge at once while the archive lane catches up behind them.</item>
/// </list>
/// Failures are retried by the SDK's policy, then by the lane with its own exponential backoff; a job is
/// never dropped (unless its bytes are gone, when it moves to <c>failed/</c>). When a segment's job is done,
/// <see cref="SegmentPublished"/> goes out through the mediator.
/// </summary>
public sealed class OutboxUploader : BackgroundService
{
    private const int KnownLiveNamesLimit = 10_000;

    private readonly DurableOutbox _outbox;
    private readonly StorageAccountProvider _accounts;
    private BlobStorageAccount _account = null!;
    private readonly IPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _knownLive = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missingWarned = new(StringComparer.Ordinal);
    private long _segmentsArchived;
    private long _segmentsVerified;
    private long _livePlaylistsUploaded;
    private long _livePlaylistsSkipped;
    private long _bytesUploaded;

    public OutboxUploader(DurableOutbox outbox, StorageAccountProvider accounts, IPublisher publisher, TimeProvider time, ILogger<OutboxUploader> logger)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _outbox = outbox;
        _accounts = accounts;
        _publisher = publisher;
        _time = time;
        _logger = logger;
    }

    /// <summary>Segments written to the archive by this uploader.</summary>
    public long SegmentsArchived => Interlocked.Read(ref _segmentsArchived);

    /// <summary>Segments found already in the archive with the same MD5 (an earlier attempt had written them).</summary>
    public long SegmentsVerified => Interlocked.Read(ref _segmentsVerified);

    /// <summary>Live playlists uploaded.</summary>
    public long LivePlaylistsUploaded => Interlocked.Read(ref _livePlaylistsUploaded);

    /// <summary>Live playlists skipped because a newer one was queued (catching up to the live edge).</summary>
    public long LivePlaylistsSkipped => Interlocked.Read(ref _livePlaylistsSkipped);

    /// <summary>Bytes uploaded (segments, playlists, files, manifests).</summary>
    public long BytesUploaded => Interlocked.Read(ref _bytesUploaded);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ConnectAsync(stoppingToken).ConfigureAwait(false);
        await Task.WhenAll(ArchiveLaneAsync(drain: false, stoppingToken), LiveLaneAsync(drain: false, stoppingToken)).ConfigureAwait(false);
    }

    /// <summary>Publishes everything queued now and returns when the outbox is empty (used by a restarted station and by tools).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(ArchiveLaneAsync(drain: true, cancellationToken), LiveLaneAsync(drain: true, cancellationToken)).ConfigureAwait(false);
    }

    // Storage may be down when the station starts: keep trying, capture goes on meanwhile.
    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            try
            {
                _account = await _accounts.GetAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is not Microsoft.Extensions.Options.OptionsValidationException and not FileNotFoundException)
            {
                failures++;
                var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(500).Ticks << Math.Min(failures - 1, 10), TimeSpan.FromSeconds(5).Ticks));
                Log.UploadFailed(_logger, "connect", 0, failures, delay.TotalSeconds, SecretRedactor.Describe(ex));
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ArchiveLaneAsync(bool drain, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            var wake = _outbox.WaitForChangeAsync(cancellationToken);
            var job = _outbox.NextArchiveJob();
            if (job is null)
            {
                if (drain && _outbox.PendingCount == 0)
                {
                    return;
                }
                await wake.ConfigureAwait(false);
                continue;
            }
            try
            {
                // Keep a second segment upload in flight while this job finishes its playlists, ledger and
                // manifest: the creates are idempotent, and jobs still complete strictly in order.
                if (_outbox.NextArchiveJobAfter(job) is { Record.Kind: JobKind.Segment } next && !Usable(next.ArchiveCreate))
                {
                    next.ArchiveCreate = CreateArchiveSegmentAsync(next, cancellationToken);
                }
                await PublishArchiveAsync(job, cancellationToken).ConfigureAwait(false);
                if (failures > 0)
                {
                    Log.StorageReachableAgain(_logger, "archive", failures);
                }
                failures = 0;
                _outbox.MarkArchiveDone(job);
                await AnnounceIfFinishedAsync(job, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException && !File.Exists(job.BytesPath))
            {
                _outbox.Fail(job, $"its bytes are gone ({job.BytesPath})");
            }
            catch (Exception ex)
            {
                failures++;
                var delay = Backoff(failures);
                job.ArchiveCreate = null; // the retry starts the create afresh (it verifies what an earlier attempt left)
                Log.UploadFailed(_logger, "archive", job.Id, failures, delay.TotalSeconds, SecretRedactor.Describe(ex));
                await ReprovisionIfContainerMissingAsync(ex, cancellationToken).ConfigureAwait(false);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task LiveLaneAsync(bool drain, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            var wake = _outbox.WaitForChangeAsync(cancellationToken);
            var snapshot = _outbox.Snapshot();
            var waiting = snapshot.Where(j => !j.LiveDone).ToList();
            if (waiting.Count == 0)
            {
                if (drain && _outbox.PendingCount == 0)
                {
                    return;
                }
                await wake.ConfigureAwait(false);
                continue;
            }
            try
            {
                foreach (var rung in waiting.GroupBy(j => (j.Record.Segment!.Stream, j.Record.Segment.Rung)))
                {
                    var newest = rung.MaxBy(j => j.Id)!;
                    await PublishLiveAsync(newest, snapshot, cancellationToken).ConfigureAwait(false);
                    foreach (var job in rung.OrderBy(j => j.Id))
                    {
                        if (job != newest)
                        {
                            Interlocked.Add(ref _livePlaylistsSkipped, job.Record.LivePlaylists.Count);
                            var name = LiveSegmentName(job);
                            if (_knownLive.Contains(name))
                            {
                                job.LiveUri ??= _account.Live.GetBlobClient(name).Uri;
                                job.LiveVisibleUtc ??= newest.LiveVisibleUtc;
                            }
                        }
                        _outbox.MarkLiveDone(job);
                        await AnnounceIfFinishedAsync(job, cancellationToken).ConfigureAwait(false);
                    }
                }
                if (failures > 0)
                {
                    Log.StorageReachableAgain(_logger, "live", failures);
                }
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = Backoff(failures);
                Log.UploadFailed(_logger, "live", waiting[^1].Id, failures, delay.TotalSeconds, SecretRedactor.Describe(ex));
                await ReprovisionIfContainerMissingAsync(ex, cancellationToken).ConfigureAwait(false);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // A storage account that was reset (or an emulator that lost its data) has no containers: make them again.
    private async Task ReprovisionIfContainerMissingAsync(Exception failure, CancellationToken cancellationToken)
    {
        if (failure is not RequestFailedException { ErrorCode: "ContainerNotFound" })
        {
            return;
        }
        try
        {
            await _account.EnsureProvisionedAsync(_logger, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            Log.UploadFailed(_logger, "provision", 0, 1, 0, SecretRedactor.Describe(ex));
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var options = _account.Options;
        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.InitialRetryBackoff.Ticks * factor, options.MaxRetryBackoff.Ticks));
        return delay;
    }

    private string LiveSegmentName(OutboxJob job)
    {
        var s = job.Record.Segment!;
        return BlobLayout.LiveSegment(new Core.Video.StreamId(s.Stream), s.Rung, s.FileName);
    }

    private async Task PublishLiveAsync(OutboxJob newest, IReadOnlyList<OutboxJob> snapshot, CancellationToken cancellationToken)
    {
        var segment = newest.Record.Segment!;
        if (_time.GetUtcNow() - segment.EndUtc > _account.Options.LiveRetention)
        {
            // Older than the live window: a viewer could never be shown it; the archive lane still keeps it.
            Log.LiveSkippedStale(_logger, segment.Stream, segment.Rung, segment.Sequence);
            return;
        }
        var byLiveName = snapshot.Where(j => j.Record.Kind == JobKind.Segment).ToDictionary(LiveSegmentName, j => j, StringComparer.Ordinal);
        await EnsureLiveSegmentAsync(newest, cancellationToken).ConfigureAwait(false);

        var stream = new Core.Video.StreamId(segment.Stream);
        // Deeper playlists first: a master lists the rung playlists, which must exist before it does.
        foreach (var playlist in newest.Record.LivePlaylists.OrderByDescending(p => p.Name.Count(c => c == '/')))
        {
            var playlistName = BlobLayout.LivePlaylist(stream, playlist.Name);
            var complete = true;
            foreach (var uri in M3u8.ListedUris(playlist.Content))
            {
                if (M3u8.ResolveRelative(playlistName, uri) is not { } listed || _knownLive.Contains(listed))
                {
                    continue;
                }
                if (byLiveName.TryGetValue(listed, out var owner))
                {
                    await EnsureLiveSegmentAsync(owner, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if ((await _account.Live.GetBlobClient(listed).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
                {
                    Remember(listed);
                    continue;
                }
                complete = false;
                if (_missingWarned.Add(playlistName + "|" + listed))
                {
                    Log.LivePlaylistHeldBack(_logger, playlistName, listed);
                }
                break;
            }
            if (!complete)
            {
                Interlocked.Increment(ref _livePlaylistsSkipped);
                continue;
            }
            var content = BinaryData.FromString(playlist.Content);
            await BlobUploads.UploadOverwriteAsync(_account.Live, playlistName, content,
                new BlobHttpHeaders { ContentType = MediaTypes.HlsPlaylist, CacheControl = MediaTypes.LivePlaylistCacheControl },
                null, null, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _bytesUploaded, content.ToMemory().Length);
            Interlocked.Increment(ref _livePlaylistsUploaded);
            Remember(playlistName);
        }
        newest.LiveVisibleUtc = _time.GetUtcNow();
    }

    private async Task EnsureLiveSegmentAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var name = LiveSegmentName(job);
        if (_knownLive.Contains(name))
        {
            return;
        }
        var path = job.BytesPath;
        var blob = _account.Live.GetBlobClient(name);
        await BlobUploads.CreateOnceAsync(blob.GetParentBlobContainerClient(), blob.Name, path,
            new BlobHttpHeaders { ContentType = MediaTypes.For(name), CacheControl = MediaTypes.ImmutableCacheControl },
            null, null, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _bytesUploaded, job.Record.SizeBytes);
        job.LiveUri = blob.Uri;
        Remember(name);
    }

    private void Remember(string liveName)
    {
        if (_knownLive.Count >= KnownLiveNamesLimit)
        {
            _knownLive.Clear();
        }
        _knownLive.Add(liveName);
    }

    private async Task PublishArchiveAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        switch (job.Record.Kind)
        {
            case JobKind.Segment:
                await ArchiveSegmentAsync(job, cancellationToken).ConfigureAwait(false);
                break;
            case JobKind.File:
                await ArchiveFileAsync(job, cancellationToken).ConfigureAwait(false);
                break;
            case JobKind.Manifest:
                await UpdateManifestUnlessSupersededAsync(job, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    // A create started early is used unless it already failed (then it is simply started again).
    private static bool Usable(Task? create) => create is { IsFaulted: false, IsCanceled: false };

    /// <summary>Creates the segment's archive blob once (or finds it there with the same MD5); returns the outcome and the name used.</summary>
    private async Task<(CreateOutcome Outcome, string Name)> CreateArchiveSegmentAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var r = job.Record;
        var s = r.Segment!;
        var path = job.BytesPath;
        var name = BlobLayout.ArchiveSegment(r.FlightPrefix, new Core.Video.StreamId(s.Stream), s.Rung, s.FileName);
        var tags = BlobIndexTags.ForSegment(r, s);
        var headers = new BlobHttpHeaders { ContentType = MediaTypes.For(name), CacheControl = MediaTypes.ImmutableCacheControl };
        var outcome = await BlobUploads.CreateOnceAsync(_account.Archive, name, path, headers, SegmentMetadata(s, r.Pilot), tags, cancellationToken).ConfigureAwait(false);
        if (outcome == CreateOutcome.Conflict)
        {
            // Never overwrite what the archive holds, never lose what was captured: keep both, loudly.
            var alternative = $"{name[..^Path.GetExtension(name).Length]}.{Convert.ToHexStringLower(BlobUploads.Md5Of(path))[..12]}{Path.GetExtension(name)}";
            Log.ArchiveNameConflict(_logger, name, alternative);
            outcome = await BlobUploads.CreateOnceAsync(_account.Archive, alternative, path,
                new BlobHttpHeaders { ContentType = headers.ContentType, CacheControl = headers.CacheControl }, SegmentMetadata(s, r.Pilot), tags, cancellationToken).ConfigureAwait(false);
            name = alternative;
        }
        return (outcome, name);
    }

    private async Task ArchiveSegmentAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var r = job.Record;
        var s = r.Segment!;
        var stream = new Core.Video.StreamId(s.Stream);
        var create = Usable(job.ArchiveCreate) ? job.ArchiveCreate! : CreateArchiveSegmentAsync(job, cancellationToken);
        var (outcome, name) = await create.ConfigureAwait(false);
        var blob = _account.Archive.GetBlobClient(name);
        job.ArchiveUri = blob.Uri;
        if (outcome == CreateOutcome.Created)
        {
            Interlocked.Increment(ref _segmentsArchived);
            Interlocked.Add(ref _bytesUploaded, r.SizeBytes);
        }
        else
        {
            Interlocked.Increment(ref _segmentsVerified);
            Log.SegmentAlreadyArchived(_logger, name);
        }

        foreach (var playlist in r.ArchivePlaylists)
        {
            if (_outbox.HasLaterJob(job, o => o.Record.Kind == JobKind.Segment && o.Record.Flight == r.Flight && o.Record.Segment!.Stream == s.Stream && o.Record.ArchivePlaylists.Any(p => p.Name == playlist.Name)))
            {
                continue; // a newer version of this event playlist is queued
            }
            var playlistName = BlobLayout.ArchivePlaylist(r.FlightPrefix, stream, playlist.Name);
            var content = BinaryData.FromString(playlist.Content);
            await BlobUploads.UploadOverwriteAsync(_account.Archive, playlistName, content,
                new BlobHttpHeaders { ContentType = MediaTypes.HlsPlaylist, CacheControl = MediaTypes.MutableCacheControl },
                null, BlobIndexTags.ForFlightDocument(r, "playlist", s.StartUtc), cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _bytesUploaded, content.ToMemory().Length);
            AppendLedger(job, playlistName, MediaTypes.HlsPlaylist, content.ToMemory().Length, Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span)), null, "playlist");
        }
        AppendLedger(job, name, MediaTypes.For(name), r.SizeBytes, s.Sha256, s, "segment");
        Log.SegmentArchived(_logger, name, outcome.ToString());
        await UpdateManifestUnlessSupersededAsync(job, cancellationToken).ConfigureAwait(false);
    }

    private async Task ArchiveFileAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var r = job.Record;
        if (_outbox.HasLaterJob(job, o => o.Record.Kind == JobKind.File && o.Record.ArchiveName == r.ArchiveName))
        {
            return; // a newer version of this file is queued (and the manifest follows it)
        }
        var content = BinaryData.FromBytes(await File.ReadAllBytesAsync(job.BytesPath, cancellationToken).ConfigureAwait(false));
        var kind = r.FileKind switch
        {
            FlightFileKind.Telemetry => "telemetry",
            FlightFileKind.Playlist => "playlist",
            _ => "sidecar",
        };
        await BlobUploads.UploadOverwriteAsync(_account.Archive, r.ArchiveName!, content,
            new BlobHttpHeaders { ContentType = MediaTypes.For(r.ArchiveName!), CacheControl = MediaTypes.MutableCacheControl },
            null, BlobIndexTags.ForFlightDocument(r, kind, r.FlightStartUtc ?? r.EnqueuedUtc), cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _bytesUploaded, content.ToMemory().Length);
        // A final playlist takes the place of the versions segment jobs uploaded: the same href, the same role.
        AppendLedger(job, r.ArchiveName!, MediaTypes.For(r.ArchiveName!), content.ToMemory().Length, Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span)), null,
            r.FileKind == FlightFileKind.Playlist ? "playlist" : "file");
        await UpdateManifestUnlessSupersededAsync(job, cancellationToken).ConfigureAwait(false);
    }

    // The manifest is part of the archive work of the flight's newest queued job: during a backlog it is written
    // once, at the end; a crash before it is written leaves that job queued, so it is written on the retry.
    private Task UpdateManifestUnlessSupersededAsync(OutboxJob job, CancellationToken cancellationToken) =>
        _outbox.HasLaterJob(job, o => o.Record.Flight == job.Record.Flight && o.Record.Kind is JobKind.Segment or JobKind.File)
            ? Task.CompletedTask
            : ArchiveManifestAsync(job, cancellationToken);

    private async Task ArchiveManifestAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        var r = job.Record;
        var entries = FlightLedger.Read(_outbox.LedgerPath(r.Flight));
        var bytes = StacItem.Build(r.Flight, entries, _time.GetUtcNow());
        var segments = entries.Where(e => e.Segment is not null).Select(e => e.Segment!).ToList();
        var start = segments.Count > 0 ? segments.Min(s => s.StartUtc) : r.FlightStartUtc ?? r.EnqueuedUtc;
        var tags = BlobIndexTags.ForFlightDocument(r, "manifest", start);
        var firstDome = segments.OrderBy(s => s.StartUtc).Select(BlobIndexTags.DomeOf).FirstOrDefault(d => d is not ("outside" or "unknown"));
        tags[BlobIndexTags.Dome] = BlobIndexTags.Sanitize(firstDome ?? "outside");
        tags[BlobIndexTags.Crossing] = segments.Any(s => s.Crossings.Count > 0) ? "yes" : "no";
        var name = r.FlightPrefix + BlobLayout.ManifestName;
        await BlobUploads.UploadOverwriteAsync(_account.Archive, name, BinaryData.FromBytes(bytes),
            new BlobHttpHeaders { ContentType = MediaTypes.GeoJson, CacheControl = MediaTypes.MutableCacheControl },
            null, tags, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _bytesUploaded, bytes.Length);
        Log.ManifestUploaded(_logger, name, entries.Count);
    }

    private void AppendLedger(OutboxJob job, string blobName, string mediaType, long size, string sha256, SegmentRecord? segment, string kind)
    {
        var r = job.Record;
        FlightLedger.Append(_outbox.LedgerPath(r.Flight), new LedgerEntry
        {
            Kind = kind,
            Flight = r.Flight,
            FlightPrefix = r.FlightPrefix,
            VehicleSystemId = r.VehicleSystemId,
            VehicleComponentId = r.VehicleComponentId,
            Pilot = r.Pilot,
            Href = blobName[r.FlightPrefix.Length..],
            MediaType = mediaType,
            SizeBytes = size,
            Sha256 = sha256,
            Segment = segment,
            FileKind = r.FileKind,
            CompletedUtc = _time.GetUtcNow(),
        });
    }

    private static Dictionary<string, string> SegmentMetadata(SegmentRecord s, string? pilot)
    {
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var m = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sequence"] = s.Sequence.ToString(CultureInfo.InvariantCulture),
            ["start_utc"] = s.StartUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["duration_s"] = F(s.DurationSeconds),
            ["sha256"] = s.Sha256,
            ["classification"] = Uri.EscapeDataString(s.Classification),
            ["domes_at_start"] = Uri.EscapeDataString(string.Join(',', s.DomesAtStart)),
            ["domes_at_end"] = Uri.EscapeDataString(string.Join(',', s.DomesAtEnd)),
            ["crossings"] = s.Crossings.Count.ToString(CultureInfo.InvariantCulture),
            ["stale"] = s.Stale ? "true" : "false",
            ["discontinuity"] = s.Discontinuity ? "true" : "false",
        };
        if (pilot is not null)
        {
            m["pilot"] = Uri.EscapeDataString(pilot);
        }
        if (s.Centroid is { Length: 4 } c)
        {
            m["centroid"] = $"{F(c[1])},{F(c[0])}";
        }
        if (s.BoundingBox is { Length: 4 } b)
        {
            m["bbox"] = $"{F(b[0])},{F(b[1])},{F(b[2])},{F(b[3])}";
        }
        if (s.MinAltitudeRelative is { } lo && s.MaxAltitudeRelative is { } hi)
        {
            m["altitude_relative_m"] = $"{F(lo)},{F(hi)}";
        }
        if (s.HeadingAtStartDegrees is { } heading)
        {
            m["heading_deg"] = F(heading);
        }
        if (s.DistanceToNearestBoundaryMetres is { } distance)
        {
            m["boundary_distance_m"] = F(distance);
        }
        if (s.Geohash7 is { } g7)
        {
            m["geohash7"] = Uri.EscapeDataString(g7);
        }
        return m;
    }

    private async Task AnnounceIfFinishedAsync(OutboxJob job, CancellationToken cancellationToken)
    {
        if (job.Record.Kind != JobKind.Segment || !job.ArchiveDone || !job.LiveDone || !job.TryClaimAnnouncement() || job.ArchiveUri is null)
        {
            return;
        }
        var r = job.Record;
        var visible = job.LiveVisibleUtc ?? _time.GetUtcNow();
        var latency = visible - (r.ClosedUtc ?? r.Segment!.EndUtc);
        var tagged = r.Segment!.ToTagged(r.Flight, r.VehicleSystemId, r.VehicleComponentId, r.Pilot);
        Log.SegmentPublished(_logger, r.Segment.Stream, r.Segment.Rung, r.Segment.Sequence, latency.TotalMilliseconds);
        await _publisher.Publish(new SegmentPublished(new PublishedSegment(tagged, job.ArchiveUri, job.LiveUri, latency < TimeSpan.Zero ? TimeSpan.Zero : latency)), cancellationToken).ConfigureAwait(false);
    }
}
