namespace RafeCast.Video.Ffmpeg;

/// <summary>
/// One block of ffmpeg's <c>-progress</c> report (key=value lines ending with <c>progress=continue|end</c>).
/// </summary>
/// <param name="Frame">Frames output so far (first output stream).</param>
/// <param name="FramesPerSecond">Current output frame rate.</param>
/// <param name="BitrateKbps">Output bit rate in kbit/s, when the output reports one.</param>
/// <param name="TotalSizeBytes">Bytes written, when known.</param>
/// <param name="OutTime">Output timestamp reached (media time, not wall time).</param>
/// <param name="DuplicatedFrames">Frames duplicated to keep a constant rate.</param>
/// <param name="DroppedFrames">Frames dropped.</param>
/// <param name="Speed">Media seconds processed per wall second (1.0 = real time).</param>
/// <param name="IsEnd">True for the last block, written as ffmpeg finishes.</param>
/// <param name="ReceivedUtc">When RafeCast read the block.</param>
public sealed record FfmpegProgress(
    long Frame,
    double FramesPerSecond,
    double? BitrateKbps,
    long? TotalSizeBytes,
    TimeSpan OutTime,
    long DuplicatedFrames,
    long DroppedFrames,
    double? Speed,
    bool IsEnd,
    DateTimeOffset ReceivedUtc);
