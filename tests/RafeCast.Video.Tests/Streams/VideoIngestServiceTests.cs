using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RafeCast.Testing;
using RafeCast.Video.Streams;
using RafeCast.Video.Tests.Support;

namespace RafeCast.Video.Tests.Streams;

public sealed class VideoIngestServiceTests
{
    [Fact]
    public void AddRafeCastVideo_Configuration_BindsStreamsFromTheRafeCastVideoSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RafeCast:Video:SpoolDirectory"] = "/var/spool/rafecast",
            ["RafeCast:Video:Streams:0:Id"] = "v1-cam0",
            ["RafeCast:Video:Streams:0:Input"] = "udp://0.0.0.0:5600",
            ["RafeCast:Video:Streams:0:Ladder"] = "passthrough,360p",
            ["RafeCast:Video:Streams:0:SegmentSeconds"] = "1",
            ["RafeCast:Video:Streams:1:Id"] = "v2-cam0",
            ["RafeCast:Video:Streams:1:Input"] = "srt://0.0.0.0:9000?mode=listener",
            ["RafeCast:Video:Streams:1:Renditions:0:Name"] = "540p",
            ["RafeCast:Video:Streams:1:Renditions:0:Width"] = "960",
            ["RafeCast:Video:Streams:1:Renditions:0:Height"] = "540",
            ["RafeCast:Video:Streams:1:Renditions:0:VideoBitrateKbps"] = "2000",
            ["RafeCast:Video:Streams:1:Renditions:0:Preset"] = "superfast",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<Mediator.IPublisher>(new RecordingPublisher()).AddLogging().AddRafeCastVideo(configuration).BuildServiceProvider();

        var ingest = services.GetRequiredService<VideoIngestService>();

        Assert.Equal(["v1-cam0", "v2-cam0"], ingest.Streams.Select(s => s.Id.Value));
        Assert.Equal("source,360p", ingest.Streams[0].Settings.Ladder.ToString());
        Assert.Equal(TimeSpan.FromSeconds(1), ingest.Streams[0].Settings.SegmentDuration);
        Assert.Equal("/var/spool/rafecast/v1-cam0", ingest.Streams[0].Settings.Directory);
        var custom = Assert.Single(ingest.Streams[1].Settings.Ladder.Renditions);
        Assert.Equal(("540p", 960, 540, 2000, "superfast"), (custom.Name, custom.Width, custom.Height, custom.VideoBitrateKbps, custom.Preset));
    }

    [Fact]
    public void Validate_BadStream_NamesTheConfigurationKey()
    {
        var options = new VideoOptions();
        options.Streams.Add(new VideoStreamOptions { Id = "cam 0", Input = "", SegmentSeconds = 0.5 });

        var result = new VideoOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.StartsWith("RafeCast:Video:Streams:0:Id", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.StartsWith("RafeCast:Video:Streams:0:Input is required", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.StartsWith("RafeCast:Video:Streams:0:SegmentSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_OneStreamKeepsFailing_IsReportedAndTheOtherKeepsIngesting()
    {
        using var temp = new TempDirectory("rafecast-video");
        var port = FreePort.Udp();
        var options = new VideoOptions { SpoolDirectory = temp.Path, RestartDelaySeconds = 0.2, MaxRestartDelaySeconds = 0.5, FailingAfterAttempts = 2 };
        options.Streams.Add(new VideoStreamOptions { Id = "good", Input = StreamHarness.Udp(port), Renditions = { new RenditionOptions { Name = "r90", Width = 160, Height = 90, VideoBitrateKbps = 120, Preset = "ultrafast" } } });
        // Nothing listens on this RTSP port: every run fails at once.
        options.Streams.Add(new VideoStreamOptions { Id = "broken", Input = $"rtsp://127.0.0.1:{FreePort.Tcp()}/none", Renditions = { new RenditionOptions { Name = "r90", Width = 160, Height = 90, VideoBitrateKbps = 120, Preset = "ultrafast" } } });
        var publisher = new RecordingPublisher();
        using var service = new VideoIngestService(Options.Create(options), publisher, NullLoggerFactory.Instance, TimeProvider.System);

        await service.StartAsync(CancellationToken.None);
        await Eventually.Until(() => Sockets.UdpBound(port), TimeSpan.FromSeconds(30), "the good stream's UDP port");
        await using (ClockSender.Start(["-f", "mpegts", $"udp://127.0.0.1:{port}?pkt_size=1316"], audio: false))
        {
            await Eventually.Until(() => service.Streams[1].Status.State == VideoStreamState.Failing, TimeSpan.FromSeconds(60), "the broken stream to be reported failing");
            await Eventually.Until(() => publisher.Segments.Count(s => s.Segment.Stream.Value == "good") >= 2, TimeSpan.FromSeconds(60), "segments of the good stream");
        }
        await service.StopAsync(CancellationToken.None);

        Assert.Contains("ProcessExited", service.Streams[1].Status.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(publisher.Segments, s => s.Segment.Stream.Value == "broken");
        Assert.Equal(1, service.Streams[0].Status.Runs);
        Assert.True(File.Exists(Path.Combine(temp.Path, "good", "master.m3u8")));
    }
}
