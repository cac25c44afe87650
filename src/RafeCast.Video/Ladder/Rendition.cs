namespace RafeCast.Video.Ladder;

/// <summary>
/// One rung of the transcoding ladder: a named rendition with its frame size, bit rate and x264 preset, or
/// the source itself copied without re-encoding (<see cref="Passthrough"/>).
/// </summary>
public sealed record Rendition
{
    /// <summary>The name used for its spool folder, playlist and segment events, e.g. <c>720p</c> or <c>source</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Largest output width in pixels; the source aspect ratio is kept inside Width×Height.</summary>
    public int Width { get; init; }

    /// <summary>Largest output height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>Target video bit rate in kbit/s (x264 ABR with a VBV cap of 1.1× and a 2 s buffer).</summary>
    public int VideoBitrateKbps { get; init; }

    /// <summary>x264 preset (ultrafast … veryslow). The defaults were chosen by measurement on a 2-core machine.</summary>
    public string Preset { get; init; } = "veryfast";

    /// <summary>H.264 profile: baseline, main or high.</summary>
    public string Profile { get; init; } = "main";

    /// <summary>AAC bit rate in kbit/s for the rung's audio, when the source has audio.</summary>
    public int AudioBitrateKbps { get; init; } = 96;

    /// <summary>True for the rung that copies the source's video (H.264 expected) without re-encoding.</summary>
    public bool Passthrough { get; init; }

    /// <summary>The VBV maximum rate in kbit/s.</summary>
    public int MaxRateKbps => (int)Math.Round(VideoBitrateKbps * 1.1);

    /// <summary>An estimate of the peak bit rate (video cap + audio + ~5 % MPEG-TS overhead), bits per second.</summary>
    public long EstimatedPeakBitsPerSecond => (long)((MaxRateKbps + AudioBitrateKbps) * 1000L * 1.05);

    /// <summary>The source copied as the top rung.</summary>
    public static Rendition Source { get; } = new() { Name = "source", Passthrough = true, Preset = "copy" };

    /// <summary>Checks the rung; the message names the offending field.</summary>
    public void Validate(string key)
    {
        if (string.IsNullOrWhiteSpace(Name) || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"{key}:Name '{Name}' may only hold letters, digits, '-' and '_'.");
        }
        if (Passthrough)
        {
            return;
        }
        if (Width < 16 || Height < 16 || Width % 2 != 0 || Height % 2 != 0)
        {
            throw new ArgumentException($"{key} ({Name}): Width and Height must be even and at least 16 (got {Width}x{Height}).");
        }
        if (VideoBitrateKbps <= 0)
        {
            throw new ArgumentException($"{key} ({Name}): VideoBitrateKbps must be positive (got {VideoBitrateKbps}).");
        }
        if (!RenditionLadder.Presets.Contains(Preset))
        {
            throw new ArgumentException($"{key} ({Name}): Preset '{Preset}' is not an x264 preset ({string.Join(", ", RenditionLadder.Presets)}).");
        }
        if (Profile is not ("baseline" or "main" or "high"))
        {
            throw new ArgumentException($"{key} ({Name}): Profile '{Profile}' must be baseline, main or high.");
        }
    }
}
