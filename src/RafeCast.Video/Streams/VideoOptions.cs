using RafeCast.Video.Ladder;

namespace RafeCast.Video.Streams;

/// <summary>The video stage's configuration, bound from <c>RafeCast:Video</c>.</summary>
public sealed class VideoOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RafeCast:Video";

    /// <summary>The ffmpeg executable (path or name on PATH).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The ffprobe executable (path or name on PATH).</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Root of the spool: each stream writes <c>{SpoolDirectory}/{streamId}/{rung}/{sequence:D6}.ts</c> and its playlists.</summary>
    public string SpoolDirectory { get; set; } = "spool/video";

    /// <summary>Segments in each live playlist (at least 3).</summary>
    public int LiveWindowSegments { get; set; } = 6;

    /// <summary>First pause before restarting a failed stream, seconds; doubles per failed attempt.</summary>
    public double RestartDelaySeconds { get; set; } = 1;

    /// <summary>Longest pause between restarts, seconds.</summary>
    public double MaxRestartDelaySeconds { get; set; } = 30;

    /// <summary>Runs in a row without a segment after which a stream is reported as failing.</summary>
    public int FailingAfterAttempts { get; set; } = 5;

    /// <summary>How long ffmpeg gets to finish its files when stopped, seconds.</summary>
    public double StopGraceSeconds { get; set; } = 5;

    /// <summary>The streams to ingest.</summary>
    public IList<VideoStreamOptions> Streams { get; } = [];
}

/// <summary>One configured stream (<c>RafeCast:Video:Streams:N</c>).</summary>
public sealed class VideoStreamOptions
{
    /// <summary>Stream id, e.g. <c>v1-cam0</c>: letters, digits, '-' and '_'.</summary>
    public string Id { get; set; } = "";

    /// <summary>Source URL or path: <c>udp://0.0.0.0:5600</c>, <c>stream.sdp</c>, <c>rtsp://…</c>, <c>srt://…</c>, <c>rtmp://…</c>, a file.</summary>
    public string Input { get; set; } = "";

    /// <summary>Ladder by names (<c>720p,480p,360p</c>, <c>passthrough</c>, …); ignored when <see cref="Renditions"/> is set.</summary>
    public string Ladder { get; set; } = "720p,480p,360p";

    /// <summary>A custom ladder, highest first.</summary>
    public IList<RenditionOptions> Renditions { get; } = [];

    /// <summary>Segment duration in seconds (1–10).</summary>
    public double SegmentSeconds { get; set; } = 2;

    /// <summary>No new frame for this many seconds means the input is lost: ffmpeg is restarted and a gap recorded.</summary>
    public double InputTimeoutSeconds { get; set; } = 5;

    /// <summary>RTSP transport, <c>tcp</c> or <c>udp</c>.</summary>
    public string RtspTransport { get; set; } = "tcp";

    /// <summary>SRT latency in milliseconds, when the URL does not set it.</summary>
    public int? SrtLatencyMilliseconds { get; set; }

    /// <summary>SRT passphrase, when the URL does not carry it.</summary>
    public string? SrtPassphrase { get; set; }

    /// <summary>Read file inputs at their native rate.</summary>
    public bool FileRealtime { get; set; }

    /// <summary>False to keep a stream configured but not ingested.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>One custom ladder rung (<c>RafeCast:Video:Streams:N:Renditions:M</c>).</summary>
public sealed class RenditionOptions
{
    public string Name { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    public int VideoBitrateKbps { get; set; }
    public string Preset { get; set; } = "veryfast";
    public string Profile { get; set; } = "main";
    public int AudioBitrateKbps { get; set; } = 96;
    public bool Passthrough { get; set; }

    public Rendition ToRendition() => Passthrough
        ? Rendition.Source with { Name = string.IsNullOrEmpty(Name) ? Rendition.Source.Name : Name, AudioBitrateKbps = AudioBitrateKbps }
        : new Rendition { Name = Name, Width = Width, Height = Height, VideoBitrateKbps = VideoBitrateKbps, Preset = Preset, Profile = Profile, AudioBitrateKbps = AudioBitrateKbps };
}
