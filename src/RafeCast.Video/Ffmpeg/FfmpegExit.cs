namespace RafeCast.Video.Ffmpeg;

/// <summary>How an ffmpeg process ended.</summary>
/// <param name="ExitCode">The process exit code (signals show as 128+n or 255 for ffmpeg's own signal exit).</param>
/// <param name="Requested">True when <see cref="FfmpegProcess.StopAsync"/> asked it to stop.</param>
/// <param name="Killed">True when it had to be killed after the grace period.</param>
/// <param name="LastErrorLines">The last lines ffmpeg wrote to stderr, oldest first.</param>
public sealed record FfmpegExit(int ExitCode, bool Requested, bool Killed, IReadOnlyList<string> LastErrorLines)
{
    /// <summary>True when ffmpeg ended by itself, not because RafeCast stopped it.</summary>
    public bool Unexpected => !Requested;
}
