using RafeCast.Testing;
using RafeCast.Testing.Media;

namespace RafeCast.GroundStation.Tests.Browser;

/// <summary>One real-time ffmpeg test stream (two rungs, 1 s segments) shared by the browser tests: <c>{Root}/v1-cam0/master.m3u8</c>.</summary>
public sealed class LiveHlsFixture : IAsyncLifetime
{
    public const string StreamId = "v1-cam0";

    private readonly TempDirectory _root = new("rafecast-live-hls");
    private LiveHlsTestSource? _source;

    /// <summary>The local HLS tree: one folder per stream.</summary>
    public string Root => _root.Path;

    public string StreamDirectory => Path.Combine(Root, StreamId);

    public async Task InitializeAsync()
    {
        _source = LiveHlsTestSource.Start(StreamDirectory, segmentSeconds: 1);
        await _source.WaitForSegmentsAsync(3, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
        _root.Dispose();
    }
}
