using System.Globalization;
using System.Text;

namespace RafeCast.Video.Hls;

/// <summary>One variant stream of the master playlist (RFC 8216 §4.3.4.2).</summary>
/// <param name="Uri">The rendition's media playlist, relative to the master, e.g. <c>720p/live.m3u8</c>.</param>
/// <param name="BandwidthBitsPerSecond">Peak bit rate of any segment, bits per second (BANDWIDTH).</param>
/// <param name="AverageBandwidthBitsPerSecond">Average bit rate, bits per second (AVERAGE-BANDWIDTH), when known.</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="Codecs">RFC 6381 codec list, e.g. <c>avc1.64001f,mp4a.40.2</c>.</param>
/// <param name="FrameRate">Frames per second, when known.</param>
public sealed record HlsVariant(
    string Uri,
    long BandwidthBitsPerSecond,
    long? AverageBandwidthBitsPerSecond,
    int Width,
    int Height,
    string Codecs,
    double? FrameRate = null);

/// <summary>The master playlist: one EXT-X-STREAM-INF per ladder rung, highest bandwidth first.</summary>
public sealed class HlsMasterPlaylist(IEnumerable<HlsVariant> variants)
{
    public IReadOnlyList<HlsVariant> Variants { get; } = [.. variants];

    public string Render()
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var v in Variants.OrderByDescending(v => v.BandwidthBitsPerSecond))
        {
            if (v.Codecs.Contains('"', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Codecs '{v.Codecs}' may not hold a double quote.");
            }
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:BANDWIDTH={v.BandwidthBitsPerSecond}");
            if (v.AverageBandwidthBitsPerSecond is { } average)
            {
                text.Append(CultureInfo.InvariantCulture, $",AVERAGE-BANDWIDTH={average}");
            }
            text.Append(CultureInfo.InvariantCulture, $",RESOLUTION={v.Width}x{v.Height},CODECS=\"{v.Codecs}\"");
            if (v.FrameRate is { } fps)
            {
                text.Append(CultureInfo.InvariantCulture, $",FRAME-RATE={fps:0.000}");
            }
            text.Append('\n').Append(v.Uri).Append('\n');
        }
        return text.ToString();
    }
}
