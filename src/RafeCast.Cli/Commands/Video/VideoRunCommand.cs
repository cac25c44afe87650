using System.ComponentModel;
using System.Globalization;
using Mediator;
using RafeCast.Cli.Infrastructure;
using RafeCast.Core.Video;
using RafeCast.Pipeline.Events;
using RafeCast.Video.Ladder;
using RafeCast.Video.Sources;
using RafeCast.Video.Streams;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Video;

/// <summary>`rafecast video run`: one stream, standalone, into a playable HLS tree, with live progress.</summary>
internal sealed class VideoRunCommand(IAnsiConsole console) : AsyncCommand<VideoRunCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-i|--input <URL>")]
        [Description("Source: udp://0.0.0.0:5600, stream.sdp (RTP), rtsp://…, srt://…?mode=listener, rtmp://0.0.0.0:1935/live/key, or a file.")]
        public string Input { get; init; } = "";

        [CommandOption("-o|--output <DIR>")]
        [Description("Where the HLS tree goes: master.m3u8, archive.m3u8 and one folder per rung.")]
        public string Output { get; init; } = "";

        [CommandOption("--ladder <RUNGS>")]
        [Description("Comma-separated rungs (1080p, 720p, 480p, 360p, 240p) or passthrough. Default 720p,480p,360p.")]
        public string Ladder { get; init; } = "720p,480p,360p";

        [CommandOption("--segment <SECONDS>")]
        [Description("Segment duration, 1 to 10 seconds. Default 2.")]
        public double Segment { get; init; } = 2;

        [CommandOption("--duration <SECONDS>")]
        [Description("Stop after this many seconds (ffmpeg finishes its last segment). Default: until the input ends or Ctrl-C.")]
        public double? Duration { get; init; }

        [CommandOption("--realtime")]
        [Description("Read a file input at its native rate, like a live camera.")]
        public bool Realtime { get; init; }

        [CommandOption("--id <STREAM>")]
        [Description("Stream id in events and logs. Default cam0.")]
        public string Id { get; init; } = "cam0";

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Input))
            {
                return ValidationResult.Error("--input is required.");
            }
            if (string.IsNullOrWhiteSpace(Output))
            {
                return ValidationResult.Error("--output is required.");
            }
            if (Segment is < 1 or > 10)
            {
                return ValidationResult.Error($"--segment must be between 1 and 10 seconds (got {Segment.ToString(CultureInfo.InvariantCulture)}).");
            }
            if (Duration is <= 0)
            {
                return ValidationResult.Error("--duration must be positive.");
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        VideoStreamSettings streamSettings;
        try
        {
            streamSettings = new VideoStreamSettings
            {
                Id = new StreamId(settings.Id),
                Source = VideoSource.Parse(settings.Input, new VideoSourceSettings { FileRealtime = settings.Realtime }),
                Ladder = RenditionLadder.Parse(settings.Ladder),
                Directory = Path.GetFullPath(settings.Output),
                SegmentDuration = TimeSpan.FromSeconds(settings.Segment),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException)
        {
            throw new UserFacingException(ex.Message, ExitCodes.Usage, ex);
        }

        var publisher = new SegmentTally();
        var stream = new VideoStream(streamSettings, publisher);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Duration is { } duration)
        {
            run.CancelAfter(TimeSpan.FromSeconds(duration));
        }

        console.MarkupLineInterpolated($"Ingesting [blue]{streamSettings.Source.DisplayUrl}[/] into [blue]{streamSettings.Ladder}[/] ({settings.Segment:0.#} s segments) -> {streamSettings.Directory}");
        var started = TimeProvider.System.GetTimestamp();
        var ingest = stream.RunAsync(run.Token);
        using (var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1)))
        {
            // Progress display: one line a second until the stream ends.
            while (await Task.WhenAny(ingest, ticker.WaitForNextTickAsync(CancellationToken.None).AsTask()).ConfigureAwait(false) != ingest)
            {
                var status = stream.Status;
                PrintProgress(status, publisher, TimeProvider.System.GetElapsedTime(started));
                if (status.State == VideoStreamState.Failing)
                {
                    await run.CancelAsync().ConfigureAwait(false);
                    await ingest.ConfigureAwait(false);
                    throw new UserFacingException($"The stream keeps failing: {status.LastError}", ExitCodes.Unavailable);
                }
            }
        }
        await ingest.ConfigureAwait(false);

        var final = stream.Status;
        PrintProgress(final, publisher, TimeProvider.System.GetElapsedTime(started));
        if (final.SegmentsClosed == 0)
        {
            throw new UserFacingException($"No segment was written{(final.LastError is null ? " (no input arrived)" : $": {final.LastError}")}.", ExitCodes.Failed);
        }
        console.MarkupLineInterpolated($"[green]Done:[/] {final.SegmentsClosed} segments, {final.Gaps} gap(s). Play {Path.Combine(streamSettings.Directory, "master.m3u8")}");
        cancellationToken.ThrowIfCancellationRequested();
        return ExitCodes.Success;
    }

    private void PrintProgress(VideoStreamStatus status, SegmentTally tally, TimeSpan elapsed)
    {
        var p = status.LastProgress;
        var perRung = string.Join(", ", tally.PerRung.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"{elapsed.TotalSeconds,6:F1} s  {status.State,-10} fps {p?.FramesPerSecond ?? 0,5:F1}  speed {p?.Speed ?? 0,5:F2}x  dropped {p?.DroppedFrames ?? 0}  segments {status.SegmentsClosed} ({perRung})  gaps {status.Gaps}");
    }

    /// <summary>The standalone run's only consumer of pipeline events: it counts segments per rung.</summary>
    private sealed class SegmentTally : IPublisher
    {
        private readonly Dictionary<string, int> _perRung = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public IReadOnlyDictionary<string, int> PerRung
        {
            get { lock (_gate) { return new Dictionary<string, int>(_perRung); } }
        }

        public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification => Publish((object)notification!, cancellationToken);

        public ValueTask Publish(object notification, CancellationToken cancellationToken = default)
        {
            if (notification is SegmentClosed closed)
            {
                lock (_gate)
                {
                    _perRung[closed.Segment.Rung] = _perRung.GetValueOrDefault(closed.Segment.Rung) + 1;
                }
            }
            return ValueTask.CompletedTask;
        }
    }
}
