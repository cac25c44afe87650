using System.Globalization;
using FFMpegCore;

namespace RafeCast.Video.Sources;

/// <summary>One elementary stream a source carries.</summary>
/// <param name="Index">Stream index in the source.</param>
/// <param name="Kind">video, audio, subtitle or data.</param>
/// <param name="Codec">Codec name, e.g. h264, aac.</param>
/// <param name="Detail">Profile/level, frame size and rate, or sample rate and channels.</param>
/// <param name="BitrateBitsPerSecond">Bit rate when the source declares it.</param>
public sealed record ProbedStream(int Index, string Kind, string Codec, string Detail, long? BitrateBitsPerSecond);

/// <summary>What a source carries, as ffprobe sees it.</summary>
/// <param name="Format">Container format, e.g. mpegts.</param>
/// <param name="Duration">Duration, for files; null for live sources.</param>
/// <param name="Streams">Its streams.</param>
public sealed record ProbeResult(string Format, TimeSpan? Duration, IReadOnlyList<ProbedStream> Streams);

/// <summary>Asks ffprobe (through FFMpegCore) what a source carries: URL or file, never pipe input.</summary>
public static class VideoProbe
{
    public static async Task<ProbeResult> ProbeAsync(VideoSource source, string ffprobePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var options = new FFOptions();
        var folder = Path.GetDirectoryName(ffprobePath);
        if (!string.IsNullOrEmpty(folder))
        {
            options.BinaryFolder = folder;
        }
        // The source's own input options (transport, listen mode, SDP whitelist), without "-i URL".
        var inputOptions = source.InputArguments.Take(source.InputArguments.Count - 2).ToList();
        var url = source.InputArguments[^1];
        var custom = string.Join(' ', inputOptions.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        IMediaAnalysis analysis;
        try
        {
            analysis = source.Kind is VideoSourceKind.File or VideoSourceKind.RtpSdp
                ? await FFProbe.AnalyseAsync(url, options, custom, cancellationToken).ConfigureAwait(false)
                : await FFProbe.AnalyseAsync(new Uri(url), options, custom, cancellationToken).ConfigureAwait(false);
        }
        catch (FFMpegCore.Exceptions.FFMpegException ex)
        {
            throw new VideoSourceUnreadableException($"ffprobe could not read {source.DisplayUrl}: {VideoSource.Redact(ex.Message)}", ex);
        }

        var streams = new List<ProbedStream>();
        foreach (var v in analysis.VideoStreams)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{v.Profile} level {v.Level}, {v.Width}x{v.Height}, {v.AverageFrameRate:0.##} fps, {v.PixelFormat}");
            streams.Add(new ProbedStream(v.Index, "video", v.CodecName ?? "unknown", detail, v.BitRate > 0 ? v.BitRate : null));
        }
        foreach (var a in analysis.AudioStreams)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{a.Profile}, {a.SampleRateHz} Hz, {a.Channels} ch ({a.ChannelLayout})");
            streams.Add(new ProbedStream(a.Index, "audio", a.CodecName ?? "unknown", detail, a.BitRate > 0 ? a.BitRate : null));
        }
        var duration = analysis.Duration > TimeSpan.Zero ? analysis.Duration : (TimeSpan?)null;
        return new ProbeResult(analysis.Format.FormatName, duration, [.. streams.OrderBy(s => s.Index)]);
    }
}

/// <summary>ffprobe could not make sense of a source.</summary>
public sealed class VideoSourceUnreadableException : Exception
{
    public VideoSourceUnreadableException()
    {
    }

    public VideoSourceUnreadableException(string message)
        : base(message)
    {
    }

    public VideoSourceUnreadableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
