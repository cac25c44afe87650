using Microsoft.Extensions.Options;
using RafeCast.Core.Video;
using RafeCast.Video.Ladder;
using RafeCast.Video.Sources;

namespace RafeCast.Video.Streams;

/// <summary>Checks <see cref="VideoOptions"/> at start-up; every failure names its configuration key.</summary>
public sealed class VideoOptionsValidator : IValidateOptions<VideoOptions>
{
    public ValidateOptionsResult Validate(string? name, VideoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var root = VideoOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.SpoolDirectory))
        {
            errors.Add($"{root}:SpoolDirectory is required.");
        }
        if (options.LiveWindowSegments < 3)
        {
            errors.Add($"{root}:LiveWindowSegments must be at least 3 (got {options.LiveWindowSegments}).");
        }
        if (options.RestartDelaySeconds <= 0 || options.MaxRestartDelaySeconds < options.RestartDelaySeconds)
        {
            errors.Add($"{root}:RestartDelaySeconds must be positive and at most MaxRestartDelaySeconds.");
        }
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Streams.Count; i++)
        {
            var key = $"{root}:Streams:{i}";
            var stream = options.Streams[i];
            try
            {
                _ = new StreamId(stream.Id);
            }
            catch (ArgumentException ex)
            {
                errors.Add($"{key}:Id: {ex.Message}");
            }
            if (!ids.Add(stream.Id))
            {
                errors.Add($"{key}:Id '{stream.Id}' is used by another stream.");
            }
            if (string.IsNullOrWhiteSpace(stream.Input))
            {
                errors.Add($"{key}:Input is required (a URL such as udp://0.0.0.0:5600, or a file).");
            }
            else if (stream.Enabled)
            {
                try
                {
                    _ = VideoSource.Parse(stream.Input, SourceSettings(stream));
                }
                catch (Exception ex) when (ex is ArgumentException or IOException)
                {
                    errors.Add($"{key}:Input: {ex.Message}");
                }
            }
            try
            {
                _ = Ladder(stream);
            }
            catch (ArgumentException ex)
            {
                errors.Add($"{key}:{(stream.Renditions.Count > 0 ? "Renditions" : "Ladder")}: {ex.Message}");
            }
            if (stream.SegmentSeconds is < 1 or > 10)
            {
                errors.Add($"{key}:SegmentSeconds must be between 1 and 10 (got {stream.SegmentSeconds}).");
            }
            if (stream.InputTimeoutSeconds < 0.5)
            {
                errors.Add($"{key}:InputTimeoutSeconds must be at least 0.5 (got {stream.InputTimeoutSeconds}).");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static RenditionLadder Ladder(VideoStreamOptions stream) =>
        stream.Renditions.Count > 0 ? new RenditionLadder(stream.Renditions.Select(r => r.ToRendition())) : RenditionLadder.Parse(stream.Ladder);

    internal static VideoSourceSettings SourceSettings(VideoStreamOptions stream) => new()
    {
        RtspTransport = stream.RtspTransport,
        SrtLatencyMilliseconds = stream.SrtLatencyMilliseconds,
        SrtPassphrase = stream.SrtPassphrase,
        FileRealtime = stream.FileRealtime,
    };
}
