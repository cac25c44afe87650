using System.Globalization;
using System.Security.Cryptography;
using FFMpegCore;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Core.Video;
using RafeCast.Pipeline.Events;
using RafeCast.Video.Ffmpeg;
using RafeCast.Video.Hls;
using RafeCast.Video.Ladder;
using RafeCast.Video.Segments;
using RafeCast.Video.Timing;

namespace RafeCast.Video.Streams;

/// <summary>
/// One supervised stream: runs ffmpeg over the ladder, turns each closed segment into a
/// <see cref="SegmentClosed"/> (with the UTC time of its first frame) and into the stream's HLS playlists,
/// and when the input goes silent or ffmpeg exits it restarts with backoff, records a <see cref="StreamGap"/>,
/// marks the next segments as discontinuities and carries on with the segment numbering. A stream that keeps
/// failing is reported and keeps retrying; it never throws into its host, so other streams are unaffected.
/// </summary>
public sealed class VideoStream
{
    private readonly VideoStreamSettings _settings;
    private readonly IPublisher _publisher;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RungState[] _rungs;
    private readonly Lock _gate = new();
    private VideoStreamStatus _status = new(VideoStreamState.Idle, null, 0, 0, 0, 0, null, null);
    private long _nextSequence;
    private DateTimeOffset? _lastMediaEndUtc;
    private (DateTimeOffset StartUtc, StreamInterruptionReason Reason, string Detail)? _pendingGap;
    private string? _writtenMaster;

    public VideoStream(VideoStreamSettings settings, IPublisher publisher, ILogger<VideoStream>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(publisher);
        settings.Validate();
        _settings = settings;
        _publisher = publisher;
        _logger = logger ?? NullLogger<VideoStream>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _rungs = [.. settings.Ladder.Renditions.Select(r => new RungState(r, Path.Combine(settings.Directory, r.Name), new HlsMediaPlaylist(settings.SegmentDuration, settings.LiveWindowSegments)))];
    }

    public StreamId Id => _settings.Id;

    public VideoStreamSettings Settings => _settings;

    /// <summary>A snapshot of the stream's health.</summary>
    public VideoStreamStatus Status
    {
        get { lock (_gate) { return _status; } }
    }

    /// <summary>The live/event playlist model of one rung (by rendition name).</summary>
    public HlsMediaPlaylist Playlist(string rung) =>
        _rungs.FirstOrDefault(r => r.Rendition.Name == rung)?.Playlist ?? throw new ArgumentException($"Stream {Id} has no rung '{rung}'.", nameof(rung));

    /// <summary>The master playlist over the rungs that have at least one segment (null before the first).</summary>
    public HlsMasterPlaylist? MasterPlaylist(HlsPlaylistView view = HlsPlaylistView.Live)
    {
        var variants = new List<HlsVariant>();
        lock (_gate)
        {
            foreach (var rung in _rungs.Where(r => r.Segments > 0))
            {
                var peak = (long)Math.Ceiling(Math.Max(rung.PeakBitsPerSecond, rung.Rendition.Passthrough ? 0 : rung.Rendition.EstimatedPeakBitsPerSecond));
                var average = (long)Math.Ceiling(rung.TotalBits / Math.Max(rung.TotalSeconds, 0.001));
                variants.Add(new HlsVariant(
                    $"{rung.Rendition.Name}/{PlaylistFile(view)}",
                    peak,
                    average,
                    rung.Width ?? rung.Rendition.Width,
                    rung.Height ?? rung.Rendition.Height,
                    rung.Codecs ?? "avc1.4d401f",
                    rung.FrameRate));
            }
        }
        return variants.Count == 0 ? null : new HlsMasterPlaylist(variants);
    }

    /// <summary>
    /// Writes every rung's live and event playlists (and the masters) again from the models, e.g. after the
    /// geo stage added EXT-X-DATERANGE lines with <see cref="HlsMediaPlaylist.AddExtraTags"/>.
    /// </summary>
    public void RewritePlaylists() => WritePlaylists(_rungs);

    /// <summary>
    /// Ingests until <paramref name="cancellationToken"/> is cancelled (then stops ffmpeg gracefully, so the last
    /// segment is kept) or a finite input has been read completely. Never throws but for cancellation.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_settings.Directory);
        _nextSequence = SegmentSpool.NextSequence(_settings.Directory, _rungs.Select(r => r.Rendition.Name));
        if (_nextSequence > 0)
        {
            // Segments from an earlier run are in the spool: list them again, and mark that what follows
            // does not continue them (a StreamGap "Restarted" covers the time RafeCast was down).
            await ResumeFromJournalAsync(cancellationToken).ConfigureAwait(false);
            foreach (var rung in _rungs)
            {
                rung.PendingDiscontinuity = true;
            }
            if (_lastMediaEndUtc is { } lastMedia)
            {
                _pendingGap = (lastMedia, StreamInterruptionReason.Restarted, "RafeCast was restarted");
            }
        }

        var attempt = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                RunOutcome outcome;
                try
                {
                    outcome = await RunOnceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.StreamCrashed(_logger, ex, Id.Value);
                    outcome = new RunOutcome(false, false, StreamInterruptionReason.ProcessExited, ex.Message, 0);
                }

                if (outcome.Stopped || cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                if (outcome.InputEnded && _settings.Source.IsFinite)
                {
                    Log.InputEnded(_logger, Id.Value);
                    Finish(VideoStreamState.Ended);
                    return;
                }

                lock (_gate)
                {
                    // The gap runs from the end of the last media we have to the first media after the restart;
                    // a source that has not sent anything yet has no gap, it has not started.
                    if (_lastMediaEndUtc is { } lastMedia)
                    {
                        _pendingGap ??= (lastMedia, outcome.Reason, outcome.Detail);
                    }
                }
                foreach (var rung in _rungs)
                {
                    rung.PendingDiscontinuity |= rung.Segments > 0 || _nextSequence > 0;
                }

                attempt = outcome.Segments > 0 ? 1 : attempt + 1;
                var failures = outcome.Segments > 0 ? 0 : Status.ConsecutiveFailures + 1;
                var delay = TimeSpan.FromTicks(Math.Min(
                    _settings.MaxRestartDelay.Ticks,
                    (long)(_settings.RestartDelay.Ticks * Math.Pow(2, Math.Max(0, attempt - 1)))));
                var failing = failures >= _settings.FailingAfterAttempts;
                if (failing)
                {
                    Log.StreamFailing(_logger, Id.Value, failures, outcome.Detail, delay.TotalSeconds);
                }
                else
                {
                    Log.StreamRestarting(_logger, Id.Value, outcome.Reason.ToString(), outcome.Detail, attempt, delay.TotalSeconds);
                }
                UpdateStatus(s => s with
                {
                    State = failing ? VideoStreamState.Failing : VideoStreamState.Restarting,
                    ProcessId = null,
                    ConsecutiveFailures = failures,
                    LastError = $"{outcome.Reason}: {outcome.Detail}",
                });
                VideoMetrics.Restarts.Add(1, new KeyValuePair<string, object?>("stream", Id.Value));
                // The backoff pause between restarts (not a synchronisation wait).
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        Finish(VideoStreamState.Stopped);
    }

    private void Finish(VideoStreamState state)
    {
        foreach (var rung in _rungs)
        {
            rung.Playlist.End();
        }
        WritePlaylists(_rungs);
        UpdateStatus(s => s with { State = state, ProcessId = null });
        Log.StreamStopped(_logger, Id.Value);
    }

    private async Task<RunOutcome> RunOnceAsync(CancellationToken cancellationToken)
    {
        var ingestDir = Path.Combine(_settings.Directory, SegmentSpool.IngestFolder);
        Directory.CreateDirectory(ingestDir);
        foreach (var rung in _rungs)
        {
            Directory.CreateDirectory(rung.Directory);
            var listPath = Path.Combine(ingestDir, rung.Rendition.Name + ".csv");
            // A list from the previous run must not be read again as if it were this run's.
            File.Delete(listPath);
            rung.List = new SegmentListTail(listPath);
        }

        var startSequence = _nextSequence;
        var arguments = IngestCommand.Build(
            _settings.Source, _settings.Ladder, _settings.SegmentDuration, startSequence,
            r => Path.Combine(_settings.Directory, r.Name),
            r => Path.Combine(ingestDir, r.Name + ".csv"));
        Log.StreamStarting(_logger, Id.Value, _settings.Source.DisplayUrl, _settings.Ladder.ToString(), _settings.SegmentDuration.TotalSeconds, startSequence);

        var clock = new WallClockMapper();
        using var changed = new SemaphoreSlim(0);
        var inputLost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long lastFrame = 0;
        using var stallTimer = _time.CreateTimer(_ => inputLost.TrySetResult(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        await using var ffmpeg = new FfmpegProcess(
            new FfmpegStartInfo
            {
                Arguments = arguments,
                ExecutablePath = _settings.FfmpegPath,
                Name = Id.Value,
                LogFilePath = Path.Combine(ingestDir, "ffmpeg.log"),
                StopGrace = _settings.StopGrace,
            },
            _logger,
            _time);
        ffmpeg.ErrorLine += (_, line) =>
        {
            if (WallClockMapper.TryParseReport(line, out var offset))
            {
                clock.Add(offset, _time.GetUtcNow());
            }
        };
        ffmpeg.Progress += (_, progress) =>
        {
            if (progress.Frame > Interlocked.Read(ref lastFrame))
            {
                Interlocked.Exchange(ref lastFrame, progress.Frame);
                // Armed only once frames flow: a listener waiting for its sender is not a lost input.
                stallTimer.Change(_settings.InputTimeout, Timeout.InfiniteTimeSpan);
            }
            UpdateStatus(s => s with { LastProgress = progress });
            // Progress also drives a re-read of the lists, in case a file-system event was missed.
            changed.Release();
        };

        using var watcher = new FileSystemWatcher(ingestDir, "*.csv")
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        watcher.Changed += (_, _) => changed.Release();
        watcher.Created += (_, _) => changed.Release();
        watcher.EnableRaisingEvents = true;

        try
        {
            ffmpeg.Start();
        }
        catch (FfmpegExitedException ex)
        {
            return new RunOutcome(false, false, StreamInterruptionReason.ProcessExited, ex.Message, 0);
        }
        UpdateStatus(s => s with { State = VideoStreamState.Running, ProcessId = ffmpeg.ProcessId, Runs = s.Runs + 1 });

        var segments = 0;
        var held = new List<(RungState Rung, SegmentListEntry Entry, DateTimeOffset Listed)>();
        var stopped = false;
        var lost = false;
        try
        {
            while (true)
            {
                var wake = changed.WaitAsync(cancellationToken);
                var first = await Task.WhenAny(wake, ffmpeg.Completion, inputLost.Task).ConfigureAwait(false);
                if (first == wake)
                {
                    await wake.ConfigureAwait(false);
                    segments += await DrainListsAsync(clock, held, false, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (first == inputLost.Task)
                {
                    lost = true;
                    Log.InputLost(_logger, Id.Value, _settings.InputTimeout.TotalSeconds);
                    await ffmpeg.InterruptAsync(CancellationToken.None).ConfigureAwait(false);
                }
                break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stopped = true;
            await ffmpeg.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var exit = await ffmpeg.Completion.ConfigureAwait(false);
        // ffmpeg writes the last segment's list line as it exits: take it (and anything an event missed).
        segments += await DrainListsAsync(clock, held, true, CancellationToken.None).ConfigureAwait(false);
        _nextSequence = Math.Max(_nextSequence, startSequence);

        if (stopped)
        {
            return new RunOutcome(true, false, StreamInterruptionReason.Restarted, "stopped", segments);
        }
        if (lost)
        {
            return new RunOutcome(false, false, StreamInterruptionReason.InputLost, $"no frame for {_settings.InputTimeout.TotalSeconds:F1} s", segments);
        }
        var detail = string.Join(" | ", exit.LastErrorLines.Where(l => !WallClockMapper.TryParseReport(l, out _)).TakeLast(2));
        return exit.ExitCode == 0
            ? new RunOutcome(false, true, StreamInterruptionReason.InputLost, "the input ended", segments)
            : new RunOutcome(false, false, StreamInterruptionReason.ProcessExited, $"ffmpeg exited with code {exit.ExitCode}: {detail}", segments);
    }

    private async Task<int> DrainListsAsync(WallClockMapper clock, List<(RungState Rung, SegmentListEntry Entry, DateTimeOffset Listed)> held, bool final, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var rung in _rungs)
        {
            foreach (var entry in rung.List?.ReadNew() ?? [])
            {
                held.Add((rung, entry, now));
            }
        }
        // The first segments of a run are held until the wall-clock mapping has settled (the start-up burst
        // is over), so they are not dated by frames that waited in ffmpeg's probe buffer. Files have no
        // live clock to wait for; a source that never settles is released after three segment durations.
        var release = final || _settings.Source.IsFinite || clock.IsSettled(now, ClockSettleTime)
            || (held.Count > 0 && now - held[0].Listed >= 3 * _settings.SegmentDuration);
        if (!release || held.Count == 0)
        {
            return 0;
        }
        var closed = 0;
        foreach (var (rung, entry, _) in held)
        {
            if (await CloseSegmentAsync(rung, entry, clock, cancellationToken).ConfigureAwait(false))
            {
                closed++;
            }
        }
        held.Clear();
        return closed;
    }

    private static readonly TimeSpan ClockSettleTime = TimeSpan.FromSeconds(1);

    private async Task<bool> CloseSegmentAsync(RungState rung, SegmentListEntry entry, WallClockMapper clock, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(rung.Directory, entry.FileName));
        if (!File.Exists(path) || !SegmentSpool.TryParseSequence(path, out var sequence))
        {
            Log.SegmentMissing(_logger, Id.Value, path);
            return false;
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var info = TransportStreamInfo.Read(bytes);
        var now = _time.GetUtcNow();
        var duration = TimeSpan.FromSeconds(entry.EndSeconds - entry.StartSeconds);
        // Without a clock report yet (should not happen: every frame reports), date it by its arrival.
        var startUtc = clock.ToUtc(entry.StartSeconds) ?? now - duration;
        PresentationTimeRange? pts = info.FirstVideoPtsSeconds is { } firstPts && info.LastVideoPtsSeconds is { } lastPts
            ? new PresentationTimeRange(firstPts, lastPts)
            : null;

        bool discontinuity;
        (DateTimeOffset StartUtc, StreamInterruptionReason Reason, string Detail)? gap;
        lock (_gate)
        {
            discontinuity = rung.PendingDiscontinuity;
            rung.PendingDiscontinuity = false;
            gap = _pendingGap;
            _pendingGap = null;
            _nextSequence = Math.Max(_nextSequence, sequence + 1);
            var end = startUtc + duration;
            _lastMediaEndUtc = _lastMediaEndUtc is { } last && last > end ? last : end;
            rung.Segments++;
            rung.TotalBits += bytes.Length * 8.0;
            rung.TotalSeconds += duration.TotalSeconds;
            if (duration.TotalSeconds > 0.5)
            {
                rung.PeakBitsPerSecond = Math.Max(rung.PeakBitsPerSecond, bytes.Length * 8.0 / duration.TotalSeconds);
            }
            rung.Codecs ??= info.Codecs;
        }

        var segment = new VideoSegment(
            Id, rung.Rendition.Name, sequence, startUtc, duration, path, bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), pts, discontinuity);

        if (rung.Width is null)
        {
            await ProbeRungAsync(rung, path, cancellationToken).ConfigureAwait(false);
        }
        rung.Playlist.Append(HlsSegmentEntry.FromSegment(segment));
        SegmentJournal.Append(JournalPath(rung), new SegmentJournalEntry(sequence, Path.GetFileName(path), duration.TotalSeconds, startUtc, discontinuity, bytes.Length, info.Codecs));
        WritePlaylists([rung]);

        if (gap is { } g)
        {
            var interruption = new StreamInterruption(Id, g.StartUtc, startUtc > g.StartUtc ? startUtc : g.StartUtc, g.Reason, g.Detail);
            UpdateStatus(s => s with { Gaps = s.Gaps + 1 });
            Log.StreamResumed(_logger, Id.Value, g.Reason.ToString(), (interruption.EndUtc - interruption.StartUtc).TotalSeconds);
            await PublishAsync(new StreamGap(interruption), rung, sequence, cancellationToken).ConfigureAwait(false);
        }

        UpdateStatus(s => s with { SegmentsClosed = s.SegmentsClosed + 1, ConsecutiveFailures = 0 });
        var tags = new TagList(Id.Value, rung.Rendition.Name);
        VideoMetrics.SegmentsClosed.Add(1, tags.Stream, tags.Rung);
        if (pts is { } range)
        {
            // From the wall time of the segment's last frame to now: how long a closed segment waits for us.
            var lastFrameUtc = startUtc + TimeSpan.FromSeconds(range.LastSeconds - range.FirstSeconds);
            VideoMetrics.SegmentCloseLatency.Record((now - lastFrameUtc).TotalMilliseconds, tags.Stream, tags.Rung);
        }
        Log.SegmentClosed(_logger, Id.Value, rung.Rendition.Name, sequence, duration.TotalSeconds, bytes.Length, startUtc);
        await PublishAsync(new SegmentClosed(segment), rung, sequence, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private string JournalPath(RungState rung) => Path.Combine(_settings.Directory, SegmentSpool.IngestFolder, rung.Rendition.Name + ".jsonl");

    private async Task ResumeFromJournalAsync(CancellationToken cancellationToken)
    {
        foreach (var rung in _rungs)
        {
            var entries = SegmentJournal.Load(JournalPath(rung), rung.Directory);
            foreach (var e in entries)
            {
                var duration = TimeSpan.FromSeconds(e.DurationSeconds);
                rung.Playlist.Append(new HlsSegmentEntry(e.Sequence, e.File, duration, e.StartUtc, e.Discontinuity));
                rung.Segments++;
                rung.TotalBits += e.SizeBytes * 8.0;
                rung.TotalSeconds += e.DurationSeconds;
                if (e.DurationSeconds > 0.5)
                {
                    rung.PeakBitsPerSecond = Math.Max(rung.PeakBitsPerSecond, e.SizeBytes * 8.0 / e.DurationSeconds);
                }
                rung.Codecs ??= e.Codecs;
                var end = e.StartUtc + duration;
                _lastMediaEndUtc = _lastMediaEndUtc is { } last && last > end ? last : end;
            }
            if (entries.Count > 0)
            {
                await ProbeRungAsync(rung, Path.Combine(rung.Directory, entries[^1].File), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PublishAsync<T>(T notification, RungState rung, long sequence, CancellationToken cancellationToken)
        where T : INotification
    {
        try
        {
            await _publisher.Publish(notification, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing consumer must not stop the ingest; the segment stays in the spool.
            Log.SegmentPublishFailed(_logger, ex, Id.Value, rung.Rendition.Name, sequence);
        }
    }

    private async Task ProbeRungAsync(RungState rung, string path, CancellationToken cancellationToken)
    {
        try
        {
            var options = new FFOptions();
            var probeFolder = Path.GetDirectoryName(_settings.FfprobePath);
            if (!string.IsNullOrEmpty(probeFolder))
            {
                options.BinaryFolder = probeFolder;
            }
            var analysis = await FFProbe.AnalyseAsync(path, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (analysis.PrimaryVideoStream is { } video)
            {
                lock (_gate)
                {
                    rung.Width = video.Width;
                    rung.Height = video.Height;
                    rung.FrameRate = video.AverageFrameRate > 0 ? Math.Round(video.AverageFrameRate, 3) : null;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without ffprobe the master falls back to the configured size.
            Log.ProbeFailed(_logger, ex, Id.Value, path);
            rung.Width = rung.Rendition.Width;
            rung.Height = rung.Rendition.Height;
        }
    }

    private void WritePlaylists(IEnumerable<RungState> rungs)
    {
        try
        {
            foreach (var rung in rungs)
            {
                if (rung.Segments == 0)
                {
                    continue;
                }
                Directory.CreateDirectory(rung.Directory);
                SegmentSpool.WriteAtomically(Path.Combine(rung.Directory, PlaylistFile(HlsPlaylistView.Live)), rung.Playlist.Render(HlsPlaylistView.Live));
                SegmentSpool.WriteAtomically(Path.Combine(rung.Directory, PlaylistFile(HlsPlaylistView.Event)), rung.Playlist.Render(HlsPlaylistView.Event));
            }
            // The master names a rung only once its playlist exists.
            if (MasterPlaylist(HlsPlaylistView.Live)?.Render() is { } master && master != _writtenMaster)
            {
                SegmentSpool.WriteAtomically(Path.Combine(_settings.Directory, "master.m3u8"), master);
                SegmentSpool.WriteAtomically(Path.Combine(_settings.Directory, "archive.m3u8"), MasterPlaylist(HlsPlaylistView.Event)!.Render());
                _writtenMaster = master;
            }
        }
        catch (IOException ex)
        {
            Log.PlaylistWriteFailed(_logger, ex, Id.Value, _settings.Directory);
        }
        catch (UnauthorizedAccessException ex)
        {
            Log.PlaylistWriteFailed(_logger, ex, Id.Value, _settings.Directory);
        }
    }

    /// <summary>The file name of a rung's playlist of the given view.</summary>
    public static string PlaylistFile(HlsPlaylistView view) => view == HlsPlaylistView.Live ? "live.m3u8" : "event.m3u8";

    private void UpdateStatus(Func<VideoStreamStatus, VideoStreamStatus> change)
    {
        lock (_gate)
        {
            _status = change(_status);
        }
    }

    private sealed record RunOutcome(bool Stopped, bool InputEnded, StreamInterruptionReason Reason, string Detail, int Segments);

    private readonly record struct TagList(string StreamId, string RungName)
    {
        public KeyValuePair<string, object?> Stream => new("stream", StreamId);
        public KeyValuePair<string, object?> Rung => new("rung", RungName);
    }

    private sealed class RungState(Rendition rendition, string directory, HlsMediaPlaylist playlist)
    {
        public Rendition Rendition { get; } = rendition;
        public string Directory { get; } = directory;
        public HlsMediaPlaylist Playlist { get; } = playlist;
        public SegmentListTail? List { get; set; }
        public bool PendingDiscontinuity { get; set; }
        public long Segments { get; set; }
        public double TotalBits { get; set; }
        public double TotalSeconds { get; set; }
        public double PeakBitsPerSecond { get; set; }
        public int? Width { get; set; }
        public int? Height { get; set; }
        public double? FrameRate { get; set; }
        public string? Codecs { get; set; }
    }

}
