using System.Globalization;
using RafeCast.Core.Video;
using RafeCast.Testing;
using RafeCast.Video.Ladder;
using RafeCast.Video.Sources;
using RafeCast.Video.Streams;

namespace RafeCast.Video.Tests.Support;

/// <summary>Runs one <see cref="VideoStream"/> in the background with a recording publisher.</summary>
internal sealed class StreamHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public StreamHarness(string directory, string input, RenditionLadder ladder, double segmentSeconds = 2, double inputTimeoutSeconds = 1.5, VideoSourceSettings? sourceSettings = null, string id = "test-cam")
    {
        Directory = directory;
        Stream = new VideoStream(
            new VideoStreamSettings
            {
                Id = new StreamId(id),
                Source = VideoSource.Parse(input, sourceSettings),
                Ladder = ladder,
                Directory = directory,
                SegmentDuration = TimeSpan.FromSeconds(segmentSeconds),
                InputTimeout = TimeSpan.FromSeconds(inputTimeoutSeconds),
                RestartDelay = TimeSpan.FromSeconds(0.5),
                MaxRestartDelay = TimeSpan.FromSeconds(2),
                StopGrace = TimeSpan.FromSeconds(5),
            },
            Publisher);
        Run = Task.Run(() => Stream.RunAsync(_stop.Token));
    }

    /// <summary>Tiny renditions: these tests are about ladders, segments and timing, not 720p throughput.</summary>
    public static RenditionLadder SmallLadder { get; } = new(
    [
        new Rendition { Name = "r180", Width = 320, Height = 180, VideoBitrateKbps = 400, Preset = "ultrafast", AudioBitrateKbps = 64 },
        new Rendition { Name = "r144", Width = 256, Height = 144, VideoBitrateKbps = 250, Preset = "ultrafast", AudioBitrateKbps = 64 },
        new Rendition { Name = "r90", Width = 160, Height = 90, VideoBitrateKbps = 120, Preset = "ultrafast", AudioBitrateKbps = 64 },
    ]);

    public static RenditionLadder OneRung { get; } = new(
    [
        new Rendition { Name = "r90", Width = 160, Height = 90, VideoBitrateKbps = 120, Preset = "ultrafast", AudioBitrateKbps = 64 },
    ]);

    public string Directory { get; }

    public RecordingPublisher Publisher { get; } = new();

    public VideoStream Stream { get; }

    public Task Run { get; }

    public static string Udp(int port) => string.Create(CultureInfo.InvariantCulture, $"udp://127.0.0.1:{port}");

    public Task WaitForSegmentsAsync(string rung, int count, TimeSpan? timeout = null) =>
        Eventually.Until(() => Publisher.SegmentsOf(rung).Count >= count, timeout ?? TimeSpan.FromSeconds(90), $"{count} segments of {rung}");

    /// <summary>Stops the stream gracefully (ffmpeg gets 'q' and finishes its last segment).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }
}
