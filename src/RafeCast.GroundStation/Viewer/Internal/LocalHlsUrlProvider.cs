using RafeCast.Core.Video;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>
/// The fallback <see cref="ILiveStreamUrlProvider"/>: the station serves the local HLS tree itself, so the
/// player loads <c>/hls/{stream}/master.m3u8</c> from the station (no token needed).
/// </summary>
internal sealed class LocalHlsUrlProvider(LocalHlsDirectory directory) : ILiveStreamUrlProvider
{
    public ValueTask<LiveStreamSource?> GetSourceAsync(StreamId stream, CancellationToken cancellationToken)
    {
        var master = Path.Combine(directory.Root, stream.Value, "master.m3u8");
        LiveStreamSource? source = File.Exists(master)
            ? new LiveStreamSource(new Uri($"/hls/{stream.Value}/master.m3u8", UriKind.Relative), QueryToken: null, ExpiresUtc: null)
            : null;
        return ValueTask.FromResult(source);
    }
}
