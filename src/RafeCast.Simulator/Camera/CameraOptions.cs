using System.Globalization;

namespace RafeCast.Simulator.Camera;

/// <summary>The synthetic cameras: where each vehicle streams and what ffmpeg renders.</summary>
public sealed class CameraOptions
{
    /// <summary>The default stream of vehicle 1; vehicle N streams to port 5600 + N.</summary>
    public const string DefaultUrl = "udp://127.0.0.1:5601";

    /// <summary>
    /// Vehicle 1's stream: <c>udp://HOST:PORT</c> (MPEG-TS in UDP datagrams) or <c>srt://HOST:PORT?...</c> (MPEG-TS over
    /// SRT, ffmpeg's srt options in the query). Vehicle N uses the same URL with port + N − 1.
    /// </summary>
    public string Url { get; init; } = DefaultUrl;

    public int Width { get; init; } = 640;

    public int Height { get; init; } = 360;

    public int FramesPerSecond { get; init; } = 25;

    public int BitrateKbps { get; init; } = 1000;

    /// <summary>
    /// Burn the frame's UTC capture time into a strip across the top of the picture as 32 black/white blocks (Unix
    /// milliseconds modulo 2^32, most significant bit first), besides the readable text: what glass-to-glass
    /// measurements and end-to-end tests read back from segments and from the viewer page. Default true.
    /// </summary>
    public bool ClockStrip { get; init; } = true;

    /// <summary>The ffmpeg executable (a path or a name on PATH).</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>Folder for the overlay text files and ffmpeg logs; a fresh temp folder when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>How long a camera waits before restarting ffmpeg after it failed.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the one that is wrong.</summary>
    public void Validate()
    {
        _ = UrlFor(1);
        if (Width is < 64 or > 3840 || Height is < 64 or > 2160 || Width % 2 != 0 || Height % 2 != 0)
        {
            throw new ArgumentException($"Camera size {Width}x{Height} must be even, 64x64 to 3840x2160.", nameof(Width));
        }
        if (FramesPerSecond is < 1 or > 60)
        {
            throw new ArgumentException($"Camera frame rate must be 1 to 60; got {FramesPerSecond}.", nameof(FramesPerSecond));
        }
        if (BitrateKbps is < 50 or > 50_000)
        {
            throw new ArgumentException($"Camera bit rate must be 50 to 50000 kbit/s; got {BitrateKbps}.", nameof(BitrateKbps));
        }
    }

    /// <summary>The stream URL of vehicle <paramref name="systemId"/>: <see cref="Url"/> with its port moved up by systemId − 1.</summary>
    public string UrlFor(byte systemId)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != "udp" && uri.Scheme != "srt"))
        {
            throw new ArgumentException($"Video URL '{Url}' must be udp://HOST:PORT or srt://HOST:PORT[?options].", nameof(Url));
        }
        if (uri.IsDefaultPort || uri.Port <= 0)
        {
            throw new ArgumentException($"Video URL '{Url}' names no port.", nameof(Url));
        }
        var port = uri.Port + systemId - 1;
        if (port > ushort.MaxValue)
        {
            throw new ArgumentException($"Video URL '{Url}': vehicle {systemId} would need port {port}.", nameof(Url));
        }
        // Rebuild by hand: UriBuilder would normalise the query ffmpeg reads.
        var authority = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.DnsSafeHost}]" : uri.Host;
        return string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{authority}:{port}{uri.PathAndQuery.TrimStart('/') switch { "" => string.Empty, var rest => (rest.StartsWith('?') ? rest : "/" + rest) }}");
    }
}
