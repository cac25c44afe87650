using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RafeCast.Core.Vehicles;
using RafeCast.GroundStation.Live;
using RafeCast.GroundStation.Tests.Support;
using RafeCast.Pipeline.Events;
using RafeCast.Testing;
using Xunit.Abstractions;
using static RafeCast.GroundStation.Tests.Support.Samples;

namespace RafeCast.GroundStation.Tests.Viewer;

public sealed class LiveEventsEndpointTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task LiveEvents_TelemetryPublished_DeliversASnapshotThenThePosition()
    {
        await using var host = await StationTestHost.StartAsync(output);
        await host.Publisher.Publish(new TelemetryReceived(Telemetry(T0, 51.5, -0.1)));
        using var timeout = new CancellationTokenSource(Timeout);
        using var response = await OpenAsync(host, "/api/live/events", timeout.Token);
        var events = new ServerSentEventsReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var snapshot = await events.NextAsync(timeout.Token);
        await host.Publisher.Publish(new TelemetryReceived(Telemetry(T0.AddSeconds(1), 51.50042, -0.09987, heading: 270)));
        var position = await events.NextAsync("position", null, timeout.Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("snapshot", snapshot!.Event);
        using (var json = JsonDocument.Parse(snapshot.Data))
        {
            var vehicle = json.RootElement.GetProperty("vehicles")[0];
            Assert.Equal("1/1", vehicle.GetProperty("id").GetString());
            Assert.Equal(51.5, vehicle.GetProperty("track")[0].GetProperty("lat").GetDouble());
        }
        using (var json = JsonDocument.Parse(position.Data))
        {
            var root = json.RootElement;
            Assert.Equal("1/1", root.GetProperty("vehicle").GetString());
            Assert.Equal(51.50042, root.GetProperty("lat").GetDouble());
            Assert.Equal(-0.09987, root.GetProperty("lon").GetDouble());
            Assert.Equal(270, root.GetProperty("heading").GetDouble());
            Assert.Equal(T0.AddSeconds(1), root.GetProperty("time").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task LiveEvents_VehicleFilter_LeavesOtherVehiclesOut()
    {
        await using var host = await StationTestHost.StartAsync(output);
        using var timeout = new CancellationTokenSource(Timeout);
        using var response = await OpenAsync(host, "/api/live/events?vehicle=2/1", timeout.Token);
        var events = new ServerSentEventsReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await events.NextAsync("snapshot", null, timeout.Token);

        await host.Publisher.Publish(new TelemetryReceived(Telemetry(T0, 51.1, -0.1, VehicleId.Autopilot(1))));
        await host.Publisher.Publish(new TelemetryReceived(Telemetry(T0, 51.2, -0.1, VehicleId.Autopilot(2))));
        var position = await events.NextAsync("position", null, timeout.Token);

        using var json = JsonDocument.Parse(position.Data);
        Assert.Equal("2/1", json.RootElement.GetProperty("vehicle").GetString());
        Assert.Equal(51.2, json.RootElement.GetProperty("lat").GetDouble());
    }

    [Fact]
    public async Task LiveEvents_ClientThatNeverReads_DoesNotStallThePublisher_AndDropsAreCounted()
    {
        await using var host = await StationTestHost.StartAsync(output, null, "--RafeCast:Station:Live:ClientQueue", "16");
        var feed = host.Services.GetRequiredService<LiveFeed>();
        using var timeout = new CancellationTokenSource(Timeout);
        // Opened and never read: the socket's buffers fill up and the station's writer waits on them.
        using var response = await OpenAsync(host, "/api/live/events", timeout.Token);
        await Eventually.Until(() => feed.Subscribers == 1, Timeout, "the viewer connection to subscribe");

        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                await host.Publisher.Publish(new TelemetryReceived(Telemetry(T0.AddMilliseconds(i), 51.5 + (i * 1e-7), -0.1)));
            }
        });
        await publishing.WaitAsync(Timeout);

        Assert.True(feed.Dropped > 0, "a viewer that does not read must lose updates rather than hold up the publisher");
        Assert.Equal(T0.AddMilliseconds(99_999), host.Services.GetRequiredService<LiveStationModel>().Vehicle(Vehicle1)!.Position!.Time);
    }

    [Fact]
    public async Task StopAsync_ViewerStillConnected_EndsItsStreamAndStopsPromptly()
    {
        var host = await StationTestHost.StartAsync(output);
        using var timeout = new CancellationTokenSource(Timeout);
        using var response = await OpenAsync(host, "/api/live/events", timeout.Token);
        var events = new ServerSentEventsReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await events.NextAsync("snapshot", null, timeout.Token);

        // Shutdown would otherwise wait for the open stream until the shutdown timeout (30 s).
        await host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(await NextOrEndAsync(events, timeout.Token));
    }

    private static async Task<HttpResponseMessage> OpenAsync(StationTestHost host, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private static async Task<ServerSentEventsReader.ServerSentEvent?> NextOrEndAsync(ServerSentEventsReader events, CancellationToken cancellationToken)
    {
        try
        {
            return await events.NextAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
