namespace RafeCast.Video.Ffmpeg;

/// <summary>ffmpeg could not start, or exited on its own with a failure: the message carries its last log lines.</summary>
public sealed class FfmpegExitedException : Exception
{
    public FfmpegExitedException(string message, int? exitCode, IReadOnlyList<string> lastErrorLines, Exception? inner = null)
        : base(Compose(message, lastErrorLines), inner)
    {
        ExitCode = exitCode;
        LastErrorLines = lastErrorLines;
    }

    public FfmpegExitedException()
        : this("ffmpeg failed.", null, [])
    {
    }

    public FfmpegExitedException(string message)
        : this(message, null, [])
    {
    }

    public FfmpegExitedException(string message, Exception inner)
        : this(message, null, [], inner)
    {
    }

    /// <summary>The process exit code; null when it never started.</summary>
    public int? ExitCode { get; }

    /// <summary>The last lines ffmpeg wrote to stderr, oldest first.</summary>
    public IReadOnlyList<string> LastErrorLines { get; }

    private static string Compose(string message, IReadOnlyList<string> lines) =>
        lines.Count == 0 ? message : $"{message} Last ffmpeg output: {string.Join(" | ", lines.TakeLast(5))}";
}
