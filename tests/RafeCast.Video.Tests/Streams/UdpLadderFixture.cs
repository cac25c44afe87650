using RafeCast.Testing;
using RafeCast.Video.Tests.Support;

namespace RafeCast.Video.Tests.Streams;

/// <summary>
/// One real run shared by <see cref="UdpLadderTests"/>: a clock-stamped test pattern with audio, sent as
/// MPEG-TS over UDP on 127.0.0.1, ingested into a three-rung ladder of 2 s segments until every rung has
/// six segments, then stopped gracefully.
/// </summary>
public sealed class UdpLadderFixture : IAsyncLifetime
{
    public const int SegmentsPerRung = 6;

    private readonly TempDirectory _temp = new("rafecast-video");
    private StreamHarness? _harness;
    private ClockSender? _sender;

    internal StreamHarness Harness => _harness!;

    public string Directory => _temp.Path;

    public async Task InitializeAsync()
    {
        var port = FreePort.Udp();
        _harness = new StreamHarness(_temp.Combine("stream"), StreamHarness.Udp(port), StreamHarness.SmallLadder, inputTimeoutSeconds: 5);
        await Eventually.Until(() => Sockets.UdpBound(port), TimeSpan.FromSeconds(30), "ffmpeg to bind the UDP port");
        _sender = ClockSender.Start(["-f", "mpegts", $"udp://127.0.0.1:{port}?pkt_size=1316"], logPath: _temp.Combine("sender.log"));
        foreach (var rung in StreamHarness.SmallLadder.Renditions)
        {
            await _harness.WaitForSegmentsAsync(rung.Name, SegmentsPerRung);
        }
        await _harness.StopAsync();
    }

    public async Task DisposeAsync()
    {
        if (_sender is not null)
        {
            await _sender.DisposeAsync();
        }
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
        _temp.Dispose();
    }
}
