using System.Net;
using Microsoft.Extensions.Time.Testing;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;
using RafeCast.Mavlink.Tlog;
using RafeCast.Testing;

namespace RafeCast.Mavlink.Tests.Links;

public sealed class MavlinkLinkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private sealed class Collector : IMavlinkFrameHandler
    {
        private readonly List<byte[]> _frames = [];

        public IReadOnlyList<byte[]> Frames
        {
            get
            {
                lock (_frames)
                {
                    return [.. _frames];
                }
            }
        }

        public void OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc)
        {
            lock (_frames)
            {
                _frames.Add(frame.ToArray());
            }
        }
    }

    [Fact]
    public async Task UdpInAndUdpOut_OnLoopback_ExchangeFramesBothWays()
    {
        var port = FreePort.Udp();
        await using var listener = MavlinkLink.Create($"udpin:127.0.0.1:{port}", new MavlinkLinkOptions { SystemId = 255, ComponentId = 190 });
        await using var sender = MavlinkLink.Create($"udpout:127.0.0.1:{port}", new MavlinkLinkOptions { SystemId = 1, ComponentId = 1 });
        var atListener = new Collector();
        var atSender = new Collector();
        listener.AddHandler(atListener);
        sender.AddHandler(atSender);
        await listener.StartAsync(CancellationToken.None);
        await sender.StartAsync(CancellationToken.None);

        await sender.SendAsync(TestFrames.Heartbeat(), CancellationToken.None);
        await Eventually.Until(() => atListener.Frames.Count == 1, Wait, "the vehicle's heartbeat at the listener");
        // udpin answers the address it last heard from.
        await listener.SendAsync(new Heartbeat { Type = MavType.Gcs, Autopilot = MavAutopilot.Invalid }, CancellationToken.None);
        await Eventually.Until(() => atSender.Frames.Count == 1, Wait, "the station's heartbeat at the sender");

        Assert.Equal(1, atListener.Frames[0][5]);
        Assert.Equal(255, atSender.Frames[0][5]);
    }

    [Fact]
    public async Task TcpInAndTcp_OnLoopback_ExchangeFrames()
    {
        var port = FreePort.Tcp();
        await using var server = MavlinkLink.Create($"tcpin:127.0.0.1:{port}");
        var atServer = new Collector();
        server.AddHandler(atServer);
        await server.StartAsync(CancellationToken.None);
        await using var client = MavlinkLink.Create($"tcp:127.0.0.1:{port}", new MavlinkLinkOptions { SystemId = 1, ComponentId = 1 });
        await client.StartAsync(CancellationToken.None);

        for (var i = 0; i < 50; i++)
        {
            await client.SendAsync(TestFrames.Position((uint)i), CancellationToken.None);
        }

        await Eventually.Until(() => atServer.Frames.Count == 50, Wait, "50 frames over TCP");
        Assert.Equal(Enumerable.Range(0, 50), atServer.Frames.Select(f => (int)f[4]));
    }

    [Fact]
    public async Task Serial_OverAPseudoTerminal_SetsTheLineUpAndExchangesFramesBothWays()
    {
        using var tty = PseudoTerminal.Open();
        var atStation = new Collector();
        await using (var link = MavlinkLink.Create($"serial:{tty.DevicePath}:115200", new MavlinkLinkOptions { SystemId = 255, ComponentId = 190 }))
        {
            link.AddHandler(atStation);
            await link.StartAsync(CancellationToken.None);

            // The vehicle's side of the radio: frames split across writes, as a UART delivers them.
            var vehicle = new MavlinkFrameWriter(1, 1);
            byte[] stream = [.. vehicle.ToFrame(TestFrames.Heartbeat()), .. vehicle.ToFrame(TestFrames.Position(lat: 515_000_001))];
            await tty.Radio.WriteAsync(stream.AsMemory(0, 7));
            await tty.Radio.WriteAsync(stream.AsMemory(7));
            await Eventually.Until(() => atStation.Frames.Count == 2, Wait, "two frames through the serial device");

            await link.SendAsync(new Heartbeat { Type = MavType.Gcs, Autopilot = MavAutopilot.Invalid }, CancellationToken.None);
            var received = new byte[280];
            var length = 0;
            using var timeout = new CancellationTokenSource(Wait);
            MavlinkFrame frame;
            while (true)
            {
                length += await tty.Radio.ReadAsync(received.AsMemory(length), timeout.Token);
                ReadOnlySpan<byte> input = received.AsSpan(0, length);
                if (new MavlinkParser().TryRead(ref input, out frame))
                {
                    break;
                }
            }

            Assert.Equal([stream[..(stream.Length - TestFrames.Split(stream)[1].Length)], TestFrames.Split(stream)[1]], atStation.Frames);
            Assert.Equal((255, 190, Heartbeat.MessageId), (frame.SystemId, frame.ComponentId, frame.MessageId));

            // A quiet radio must not hold the station's shutdown: the blocked read gives way within its 0.2 s line timeout.
            await link.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }

        // stty really put the line in raw mode at the baud rate asked for.
        using var stty = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stty", ["-F", tty.DevicePath, "-a"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var settings = await stty.StandardOutput.ReadToEndAsync();
        await stty.WaitForExitAsync();
        Assert.Contains("speed 115200 baud", settings, StringComparison.Ordinal);
        Assert.Contains("-icanon", settings, StringComparison.Ordinal);
        Assert.Contains("-echo ", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serial_NoSuchDevice_FailsNamingIt()
    {
        await using var link = MavlinkLink.Create("serial:/dev/ttyRAFECAST9:57600");

        var error = await Assert.ThrowsAsync<IOException>(() => link.StartAsync(CancellationToken.None));

        Assert.Contains("/dev/ttyRAFECAST9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_ReceivedAndSentFrames_GoToTheTlog()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("link.tlog");
        var (stationEnd, vehicleEnd) = InMemoryTransport.CreatePair();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var collector = new Collector();
        await using (var link = new MavlinkLink(stationEnd, new MavlinkLinkOptions { RecordPath = path }, time))
        {
            link.AddHandler(collector);
            await link.StartAsync(CancellationToken.None);
            await vehicleEnd.SendAsync(new MavlinkFrameWriter(1, 1).ToFrame(TestFrames.Heartbeat()), CancellationToken.None);
            await Eventually.Until(() => collector.Frames.Count == 1, Wait, "the received frame");
            time.Advance(TimeSpan.FromSeconds(2));
            await link.SendAsync(new Heartbeat { Type = MavType.Gcs }, CancellationToken.None);
        }

        var records = new List<(DateTimeOffset Time, byte SystemId)>();
        using (var reader = TlogReader.Open(path))
        {
            do
            {
                while (reader.TryRead(out var recordTime, out var frame))
                {
                    records.Add((recordTime, frame.SystemId));
                }
            }
            while (await reader.FillAsync(CancellationToken.None));
        }
        Assert.Equal([(time.GetUtcNow().AddSeconds(-2), (byte)1), (time.GetUtcNow(), (byte)255)], records);
    }

    [Fact]
    public async Task FileLink_Tlog_ReplaysEveryFrameAndEnds()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("flight.tlog");
        var frames = TestFrames.Split(TestFrames.Stream(200));
        await using (var writer = TlogWriter.Create(path))
        {
            foreach (var frame in frames)
            {
                await writer.WriteAsync(DateTimeOffset.UnixEpoch.AddYears(56), frame, CancellationToken.None);
            }
        }
        var collector = new Collector();
        await using var link = MavlinkLink.Create($"file:{path}");
        link.AddHandler(collector);

        await link.StartAsync(CancellationToken.None);
        await link.Completion.WaitAsync(Wait);

        Assert.Equal(frames, collector.Frames);
    }

    [Fact]
    public async Task FileLink_RealTime_PacesFramesByTheirRecordTimes()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("paced.tlog");
        var start = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var frames = TestFrames.Split(TestFrames.Stream(3));
        await using (var writer = TlogWriter.Create(path))
        {
            for (var i = 0; i < frames.Count; i++)
            {
                await writer.WriteAsync(start.AddSeconds(10 * i), frames[i], CancellationToken.None);
            }
        }
        var time = new FakeTimeProvider(start);
        var collector = new Collector();
        await using var link = new MavlinkLink(MavlinkTransports.Create($"file:{path}?speed=1", time), time: time);
        link.AddHandler(collector);

        await link.StartAsync(CancellationToken.None);
        await Eventually.Until(() => collector.Frames.Count == 1, Wait, "the first frame at once");
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Single(collector.Frames);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Until(() => collector.Frames.Count == 2, Wait, "the second frame ten seconds in");
    }

    [Fact]
    public async Task FileLink_MissingFile_FailsNamingIt()
    {
        await using var link = MavlinkLink.Create("file:/nonexistent/flight.tlog");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => link.StartAsync(CancellationToken.None));

        Assert.Contains("/nonexistent/flight.tlog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningPolicy_RequireAll_RefusesUnsignedAndForgedFrames()
    {
        var key = MavlinkSigningKey.FromPassphrase("fly safe");
        var (stationEnd, vehicleEnd) = InMemoryTransport.CreatePair();
        var collector = new Collector();
        await using var link = new MavlinkLink(stationEnd, new MavlinkLinkOptions { SigningKey = key, SigningPolicy = MavlinkSigningPolicy.RequireSignedForAll });
        link.AddHandler(collector);
        await link.StartAsync(CancellationToken.None);

        await vehicleEnd.SendAsync(new MavlinkFrameWriter(1, 1).ToFrame(TestFrames.Position()), CancellationToken.None);
        await vehicleEnd.SendAsync(new MavlinkFrameWriter(1, 1, MavlinkVersion.V2, new MavlinkSigner(MavlinkSigningKey.FromPassphrase("guess"), 0)).ToFrame(TestFrames.Position()), CancellationToken.None);
        await vehicleEnd.SendAsync(new MavlinkFrameWriter(1, 1, MavlinkVersion.V2, new MavlinkSigner(key, 0)).ToFrame(TestFrames.Position()), CancellationToken.None);
        await Eventually.Until(() => collector.Frames.Count == 1 && link.RefusedFrames == 2, Wait, "one accepted and two refused frames");

        Assert.True(collector.Frames[0].Length > 40);
    }

    [Fact]
    public async Task Link_WithKey_SignsWhatItSends()
    {
        var key = MavlinkSigningKey.Generate();
        var (stationEnd, vehicleEnd) = InMemoryTransport.CreatePair();
        await using var link = new MavlinkLink(stationEnd, new MavlinkLinkOptions { SigningKey = key, SigningLinkId = 3 });
        await using var vehicle = new MavlinkLink(vehicleEnd);
        var collector = new Collector();
        vehicle.AddHandler(collector);
        await vehicle.StartAsync(CancellationToken.None);
        await link.StartAsync(CancellationToken.None);

        await link.SendAsync(new Heartbeat { Type = MavType.Gcs }, CancellationToken.None);
        await Eventually.Until(() => collector.Frames.Count == 1, Wait, "the signed heartbeat");

        var frame = collector.Frames[0];
        Assert.Equal(MavlinkProtocol.IncompatFlagSigned, frame[2]);
        Assert.Equal(3, frame[^13]);
        Assert.True(MavlinkSignature.Matches(key, frame));
    }
}
