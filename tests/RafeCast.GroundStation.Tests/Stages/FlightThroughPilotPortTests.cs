using System.Net;
using System.Net.Sockets;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RafeCast.GroundStation.Observability;
using RafeCast.GroundStation.Stages;
using RafeCast.GroundStation.Tests.Support;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Tlog;
using RafeCast.Mavlink.Vehicles;
using RafeCast.Pipeline.Events;
using RafeCast.Simulator;
using RafeCast.Storage;
using RafeCast.Storage.Outbox;
using RafeCast.Testing;
using Xunit.Abstractions;

namespace RafeCast.GroundStation.Tests.Stages;

/// <summary>
/// The wired station with a simulated vehicle on a real UDP link (no camera): the vehicle's traffic is forwarded
/// to other ground-control software, a pilot flies it through the station's pilot port, and arming and
/// disarming make a flight that ends up in the archive (embedded Azurite of the station's data directory).
/// </summary>
public sealed class FlightThroughPilotPortTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ArmAndDisarmThroughThePilotPort_ForwardsTrafficAndArchivesTheFlightWithItsTelemetry()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = cancel.Token;
        var vehiclePort = FreePort.Udp();
        var pilotPort = FreePort.Udp();
        using var otherGcs = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var otherGcsPort = ((IPEndPoint)otherGcs.Client.LocalEndPoint!).Port;
        await using var station = await StationTestHost.StartAsync(output, builder => builder.Services.AddRafeCastStages(builder.Configuration),
            "--pilot", "Ana",
            "--RafeCast:Mavlink:Connections:0", $"udpin:127.0.0.1:{vehiclePort}",
            "--RafeCast:Mavlink:Connections:1", $"udpout:127.0.0.1:{otherGcsPort}",
            "--RafeCast:Station:Mavlink:PilotPort", $"udpin:127.0.0.1:{pilotPort}");
        await using var simulator = await SimulatorSession.StartAsync(new SimulatorOptions { Vehicles = 1, Seed = 11 }, $"udpout:127.0.0.1:{vehiclePort}", null, null, ct);
        await using var pilot = new MavlinkStation(new MavlinkStationOptions { SystemId = 254, ComponentId = 190 }, new NullPublisher());
        await pilot.AddLinkAsync($"udpout:127.0.0.1:{pilotPort}", ct);
        await pilot.StartAsync(ct);

        // Other ground-control software gets the vehicle's frames as they are.
        var forwarded = await ReceiveFrameFromAsync(otherGcs, systemId: 1, ct).WaitAsync(Timeout, ct);
        // The pilot hears the vehicle through the station and commands it.
        var vehicle = await pilot.WaitForVehicleAsync(Timeout, ct);
        await vehicle.ArmAsync(ct);
        var activity = station.Services.GetRequiredService<PipelineActivity>();
        await Eventually.Until(() => activity.Count(nameof(FlightStarted)) == 1, Timeout, "the station to start a flight", ct);
        // One armed heartbeat after the flight started: the flight's telemetry log has it.
        await vehicle.WaitForAsync<Heartbeat>(Timeout, ct, h => (h.BaseMode & MavModeFlag.SafetyArmed) != 0);
        await vehicle.DisarmAsync(ct);
        var outbox = station.Services.GetRequiredService<DurableOutbox>();
        await Eventually.Until(() => activity.Count(nameof(FlightEnded)) == 1 && outbox.PendingCount == 0, Timeout, "the flight to end and be published", ct);

        Assert.Equal(1, forwarded);
        using (var health = await station.GetJsonAsync("/healthz"))
        {
            var pipeline = health.RootElement.GetProperty("checks").GetProperty("pipeline");
            Assert.Equal("healthy", pipeline.GetProperty("status").GetString());
            Assert.Equal("3", pipeline.GetProperty("data").GetProperty("links").GetString());
        }
        var metrics = await station.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);
        Assert.Contains("rafecast_mavlink_sender_frames_total{sender=\"1/1\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("rafecast_mavlink_packet_loss_ratio{sender=\"1/1\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("rafecast_storage_outbox_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("rafecast_pipeline_notifications_total{notification=\"FlightEnded\"} 1", metrics, StringComparison.Ordinal);
        Assert.Equal(new Core.Vehicles.VehicleId(1, 1), vehicle.Id);
        var archive = (await station.Services.GetRequiredService<StorageAccountProvider>().GetAsync(ct)).Archive;
        var names = new List<string>();
        await foreach (var blob in archive.GetBlobsAsync(cancellationToken: ct))
        {
            names.Add(blob.Name);
        }
        var manifest = Assert.Single(names, n => n.EndsWith("/flight.json", StringComparison.Ordinal));
        var prefix = manifest[..^"flight.json".Length];
        Assert.Contains("-v1/", prefix, StringComparison.Ordinal);
        Assert.Contains(prefix + "telemetry.tlog", names);
        Assert.Contains(prefix + "track.gpx", names);
        Assert.Contains(prefix + "track.geojson", names);
        var tlog = (await archive.GetBlobClient(prefix + "telemetry.tlog").DownloadContentAsync(ct)).Value.Content.ToArray();
        var (heartbeats, armed) = CountHeartbeats(tlog, systemId: 1);
        Assert.True(heartbeats >= 1, "the flight's telemetry log holds the vehicle's heartbeats");
        Assert.True(armed >= 1, "and shows it armed");
        var tags = (await archive.GetBlobClient(prefix + "telemetry.tlog").GetTagsAsync(cancellationToken: ct)).Value.Tags;
        Assert.Equal("telemetry", tags["kind"]);
        Assert.Equal("Ana", tags["pilot"]);
    }

    private static async Task<int> ReceiveFrameFromAsync(UdpClient socket, byte systemId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var datagram = await socket.ReceiveAsync(cancellationToken);
            if (FirstSender(datagram.Buffer) == systemId)
            {
                return systemId;
            }
        }
    }

    private static int FirstSender(byte[] datagram)
    {
        var parser = new MavlinkParser();
        ReadOnlySpan<byte> input = datagram;
        return parser.TryRead(ref input, out var frame) ? frame.SystemId : -1;
    }

    private static (int Heartbeats, int Armed) CountHeartbeats(byte[] tlog, byte systemId)
    {
        using var reader = new TlogReader(new MemoryStream(tlog));
        int heartbeats = 0, armed = 0;
        do
        {
            while (reader.TryRead(out _, out var frame))
            {
                if (frame.SystemId == systemId && frame.MessageId == Heartbeat.MessageId)
                {
                    heartbeats++;
                    if ((Heartbeat.Deserialize(frame.Payload).BaseMode & MavModeFlag.SafetyArmed) != 0)
                    {
                        armed++;
                    }
                }
            }
        }
        while (reader.Fill());
        return (heartbeats, armed);
    }

    private sealed class NullPublisher : IPublisher
    {
        public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification => ValueTask.CompletedTask;

        public ValueTask Publish(object notification, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
