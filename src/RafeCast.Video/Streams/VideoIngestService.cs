using Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.Core.Video;
using RafeCast.Video.Sources;

namespace RafeCast.Video.Streams;

/// <summary>
/// The hosted video stage: one supervised <see cref="VideoStream"/> per enabled entry of
/// <c>RafeCast:Video:Streams</c>, all running side by side. Each stream supervises itself and never throws
/// into the others.
/// </summary>
public sealed class VideoIngestService : BackgroundService
{
    private readonly List<VideoStream> _streams;

    public VideoIngestService(IOptions<VideoOptions> options, IPublisher publisher, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var video = options.Value;
        _streams = [.. video.Streams.Where(s => s.Enabled).Select(s => new VideoStream(
            new VideoStreamSettings
            {
                Id = new StreamId(s.Id),
                Source = VideoSource.Parse(s.Input, VideoOptionsValidator.SourceSettings(s)),
                Ladder = VideoOptionsValidator.Ladder(s),
                Directory = Path.GetFullPath(Path.Combine(video.SpoolDirectory, s.Id)),
                SegmentDuration = TimeSpan.FromSeconds(s.SegmentSeconds),
                InputTimeout = TimeSpan.FromSeconds(s.InputTimeoutSeconds),
                LiveWindowSegments = video.LiveWindowSegments,
                FfmpegPath = video.FfmpegPath,
                FfprobePath = video.FfprobePath,
                StopGrace = TimeSpan.FromSeconds(video.StopGraceSeconds),
                RestartDelay = TimeSpan.FromSeconds(video.RestartDelaySeconds),
                MaxRestartDelay = TimeSpan.FromSeconds(video.MaxRestartDelaySeconds),
                FailingAfterAttempts = video.FailingAfterAttempts,
            },
            publisher,
            loggerFactory.CreateLogger<VideoStream>(),
            timeProvider))];
    }

    /// <summary>The configured streams, for status pages and for re-rendering their playlists.</summary>
    public IReadOnlyList<VideoStream> Streams => _streams;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_streams.Select(s => s.RunAsync(stoppingToken)));
}
