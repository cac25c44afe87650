using RafeCast.Core.Domes;
using RafeCast.Core.Video;
using RafeCast.GroundStation.Tests.Support;
using RafeCast.Pipeline.Events;
using Xunit.Abstractions;
using static RafeCast.GroundStation.Tests.Support.Samples;

namespace RafeCast.GroundStation.Tests.Observability;

public sealed class MetricsEndpointTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Metrics_NotificationsPublished_CountersMoveInParsablePrometheusText()
    {
        await using var host = await StationTestHost.StartAsync(output);
        var before = await ScrapeAsync(host);

        await host.Publisher.Publish(new VehicleConnected(Vehicle1, T0, "udpin:0.0.0.0:14550", Regained: false));
        await host.Publisher.Publish(new TelemetryReceived(Telemetry(T0, 51.5, -0.1)));
        await host.Publisher.Publish(new SegmentClosed(Segment(0)));
        await host.Publisher.Publish(new SegmentClosed(Segment(1)));
        await host.Publisher.Publish(new SegmentClosed(Segment(0, "360p")));
        await host.Publisher.Publish(new SegmentTagged(Tagged(Segment(0), domesAtEnd: ["dome-harbour"])));
        await host.Publisher.Publish(new SegmentTagged(Tagged(Segment(1))));
        await host.Publisher.Publish(new SegmentPublished(Published(Segment(0), TimeSpan.FromMilliseconds(300))));
        await host.Publisher.Publish(new DomeCrossed(Crossing("dome-harbour", CrossingDirection.Enter, T0)));
        await host.Publisher.Publish(new StreamGap(new StreamInterruption(Stream1, T0, T0.AddSeconds(4), StreamInterruptionReason.ProcessExited, "ffmpeg exited with 1")));
        var after = await ScrapeAsync(host);

        Assert.Equal(2, after.Value("rafecast_station_segments_closed_total", ("stream", "v1-cam0"), ("rung", "720p")));
        Assert.Equal(1, after.Value("rafecast_station_segments_closed_total", ("stream", "v1-cam0"), ("rung", "360p")));
        Assert.Equal(750_000, after.Value("rafecast_station_segment_bytes_total", ("stream", "v1-cam0"), ("rung", "720p")) + after.Value("rafecast_station_segment_bytes_total", ("stream", "v1-cam0"), ("rung", "360p")));
        Assert.Equal(1, after.Value("rafecast_station_segments_tagged_total", ("stream", "v1-cam0"), ("classification", "inside")));
        Assert.Equal(1, after.Value("rafecast_station_segments_tagged_total", ("stream", "v1-cam0"), ("classification", "outside")));
        Assert.Equal(1, after.Value("rafecast_station_segments_published_total", ("stream", "v1-cam0")));
        Assert.Equal(1, after.Value("rafecast_station_unpublished_segments"));
        Assert.Equal(0, after.Value("rafecast_station_publish_latency_seconds_bucket", ("stream", "v1-cam0"), ("le", "0.25")));
        Assert.Equal(1, after.Value("rafecast_station_publish_latency_seconds_bucket", ("stream", "v1-cam0"), ("le", "0.5")));
        Assert.Equal(0.3, after.Value("rafecast_station_publish_latency_seconds_sum", ("stream", "v1-cam0"))!.Value, 9);
        Assert.Equal(1, after.Value("rafecast_station_dome_crossings_total", ("dome", "dome-harbour"), ("direction", "enter")));
        Assert.Equal(1, after.Value("rafecast_station_stream_gaps_total", ("stream", "v1-cam0"), ("reason", "process-exited")));
        Assert.Equal(1, after.Value("rafecast_station_telemetry_samples_total", ("vehicle", "1/1")));
        Assert.Equal(1, after.Value("rafecast_station_vehicles_connected"));
        Assert.Equal(1, after.Value("rafecast_station_live_streams"));
        // The pipeline's own meter is static (shared by every host in this process): compare deltas.
        Assert.True(after.Sum("rafecast_pipeline_notifications_total", ("notification", "SegmentClosed")) - before.Sum("rafecast_pipeline_notifications_total", ("notification", "SegmentClosed")) >= 3);
        Assert.Equal("counter", after.Types["rafecast_pipeline_notifications_total"]);
    }

    [Fact]
    public async Task Metrics_Response_IsPrometheusTextVersion004()
    {
        await using var host = await StationTestHost.StartAsync(output);

        using var response = await host.Http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        var parsed = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("gauge", parsed.Types["rafecast_station_viewer_connections"]);
        Assert.Equal(0, parsed.Value("rafecast_station_vehicles_connected"));
    }

    private static async Task<PrometheusText.Exposition> ScrapeAsync(StationTestHost host) =>
        PrometheusText.Parse(await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
}
