namespace RafeCast.Video.Ffmpeg;

/// <summary>What to run: ffmpeg's arguments (inputs, filters, outputs) and how to own the process.</summary>
public sealed record FfmpegStartInfo
{
    /// <summary>
    /// The arguments after the executable. <see cref="FfmpegProcess"/> puts its own global options first
    /// (<c>-hide_banner -nostats -progress pipe:1 -stats_period</c>), so leave those out.
    /// </summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The ffmpeg executable: a path or a name found on PATH.</summary>
    public string ExecutablePath { get; init; } = "ffmpeg";

    /// <summary>Who this process works for, e.g. the stream id; it names the process in logs.</summary>
    public string Name { get; init; } = "ffmpeg";

    /// <summary>A file that receives every stderr line (appended), e.g. <c>{spool}/{stream}/ffmpeg.log</c>; none when null.</summary>
    public string? LogFilePath { get; init; }

    /// <summary>How long ffmpeg gets to finish after 'q' (and again after SIGINT) before its process tree is killed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often ffmpeg writes a <c>-progress</c> block.</summary>
    public TimeSpan ProgressPeriod { get; init; } = TimeSpan.FromSeconds(0.5);
}
