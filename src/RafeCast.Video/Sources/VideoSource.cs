using System.Globalization;
using System.Text.RegularExpressions;

namespace RafeCast.Video.Sources;

/// <summary>Per-source settings that are not part of the URL.</summary>
public sealed record VideoSourceSettings
{
    /// <summary>RTSP transport: <c>tcp</c> (default, survives NAT and loss) or <c>udp</c>.</summary>
    public string RtspTransport { get; init; } = "tcp";

    /// <summary>RTSP socket timeout: how long to wait for the camera before giving up (seconds).</summary>
    public double RtspTimeoutSeconds { get; init; } = 5;

    /// <summary>SRT latency in milliseconds, when the URL does not set <c>latency</c> itself (ffmpeg's URL option is in microseconds).</summary>
    public int? SrtLatencyMilliseconds { get; init; }

    /// <summary>SRT passphrase (10–79 characters), when the URL does not carry one. Never logged.</summary>
    public string? SrtPassphrase { get; init; }

    /// <summary>Read a file at its native rate (ffmpeg <c>-re</c>) instead of as fast as possible.</summary>
    public bool FileRealtime { get; init; }

    /// <summary>How long ffmpeg may analyse a live input before starting (seconds); shorter means faster (re)starts.</summary>
    public double AnalyzeSeconds { get; init; } = 1;
}

/// <summary>
/// A video source named by URL, and the ffmpeg input options that open it. Only URL and file inputs are
/// used: FFMpegCore's pipe input silently loses data with ffmpeg older than 8.0.
/// </summary>
public sealed partial class VideoSource
{
    private VideoSource(string url, VideoSourceKind kind, IReadOnlyList<string> inputArguments)
    {
        Url = url;
        Kind = kind;
        InputArguments = inputArguments;
    }

    /// <summary>The URL (or path) as given.</summary>
    public string Url { get; }

    public VideoSourceKind Kind { get; }

    /// <summary>True for sources that end (files): ffmpeg exiting cleanly means done, not lost.</summary>
    public bool IsFinite => Kind == VideoSourceKind.File;

    /// <summary>The ffmpeg arguments up to and including <c>-i URL</c>.</summary>
    public IReadOnlyList<string> InputArguments { get; }

    /// <summary>The URL with any secret (SRT passphrase, URL password) masked, for logs and errors.</summary>
    public string DisplayUrl => Redact(Url);

    /// <summary>Recognises the source kind from the URL and builds its input options.</summary>
    public static VideoSource Parse(string input, VideoSourceSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        settings ??= new VideoSourceSettings();
        var analyze = ((long)(settings.AnalyzeSeconds * 1_000_000)).ToString(CultureInfo.InvariantCulture);
        string[] live = ["-fflags", "+discardcorrupt", "-analyzeduration", analyze];
        var scheme = input.Contains("://", StringComparison.Ordinal) ? input[..input.IndexOf("://", StringComparison.Ordinal)].ToLowerInvariant() : "";

        if (scheme == "" || scheme == "file")
        {
            var path = scheme == "file" ? new Uri(input).LocalPath : input;
            if (path.EndsWith(".sdp", StringComparison.OrdinalIgnoreCase))
            {
                RequireFile(path, "SDP file");
                // RTP described by SDP: ffmpeg must be allowed to open the SDP's rtp/udp URLs from a file.
                return new VideoSource(input, VideoSourceKind.RtpSdp,
                    [.. live, "-protocol_whitelist", "file,udp,rtp", "-reorder_queue_size", "64", "-f", "sdp", "-i", path]);
            }
            RequireFile(path, "input file");
            return new VideoSource(input, VideoSourceKind.File, settings.FileRealtime ? ["-re", "-i", path] : ["-i", path]);
        }

        switch (scheme)
        {
            case "udp":
                // A large socket FIFO and non-fatal overruns: a burst must not kill the ingest.
                return new VideoSource(input, VideoSourceKind.UdpMpegTs,
                    [.. live, "-i", WithQueryDefaults(input, ("fifo_size", "100000"), ("overrun_nonfatal", "1"), ("buffer_size", "4194304"))]);
            case "rtp":
                throw new ArgumentException($"'{input}': RTP needs its SDP description; pass the .sdp file (e.g. the one QGroundControl or the sender wrote) as the input.");
            case "rtsp" or "rtsps":
                if (settings.RtspTransport is not ("tcp" or "udp"))
                {
                    throw new ArgumentException($"RtspTransport '{settings.RtspTransport}' must be tcp or udp.");
                }
                var timeout = ((long)(settings.RtspTimeoutSeconds * 1_000_000)).ToString(CultureInfo.InvariantCulture);
                return new VideoSource(input, VideoSourceKind.Rtsp,
                    [.. live, "-rtsp_transport", settings.RtspTransport, "-timeout", timeout, "-i", input]);
            case "srt":
                var srt = input;
                if (settings.SrtLatencyMilliseconds is { } latency)
                {
                    srt = WithQueryDefaults(srt, ("latency", (latency * 1000L).ToString(CultureInfo.InvariantCulture)));
                }
                if (settings.SrtPassphrase is { } passphrase)
                {
                    if (passphrase.Length is < 10 or > 79)
                    {
                        throw new ArgumentException("The SRT passphrase must be 10 to 79 characters long.");
                    }
                    srt = WithQueryDefaults(srt, ("passphrase", Uri.EscapeDataString(passphrase)));
                }
                return new VideoSource(input, VideoSourceKind.Srt, [.. live, "-i", srt]);
            case "rtmp":
                // RafeCast is the RTMP server the drone or encoder publishes to.
                return new VideoSource(input, VideoSourceKind.RtmpListen, [.. live, "-listen", "1", "-i", input]);
            default:
                return new VideoSource(input, VideoSourceKind.Other, [.. live, "-i", input]);
        }
    }

    /// <summary>Masks SRT passphrases and URL passwords.</summary>
    public static string Redact(string text) => PassphrasePattern().Replace(UserInfoPattern().Replace(text, "$1:***@"), "$1***");

    private static void RequireFile(string path, string what)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} '{path}' does not exist.", path);
        }
    }

    private static string WithQueryDefaults(string url, params (string Key, string Value)[] defaults)
    {
        var query = url.Contains('?', StringComparison.Ordinal) ? url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        var present = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        var added = defaults.Where(d => !present.Contains(d.Key)).Select(d => $"{d.Key}={d.Value}").ToArray();
        if (added.Length == 0)
        {
            return url;
        }
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', added);
    }

    [GeneratedRegex("(passphrase=)[^&\\s']*", RegexOptions.IgnoreCase)]
    private static partial Regex PassphrasePattern();

    [GeneratedRegex("(://[^:/@\\s]+):[^@/\\s]+@")]
    private static partial Regex UserInfoPattern();
}
