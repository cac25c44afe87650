namespace RafeCast.Video.Ladder;

/// <summary>
/// The ladder of renditions a stream is encoded into, highest first. Built from names
/// (<c>720p,480p,360p</c>, <c>passthrough</c>, or both: <c>passthrough,360p</c>) or from configuration.
/// </summary>
public sealed class RenditionLadder
{
    /// <summary>The x264 presets, fastest first.</summary>
    public static readonly IReadOnlyList<string> Presets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"];

    /// <summary>
    /// The named renditions. Presets were chosen with <c>tools/bench.sh pipeline video-realtime</c> on the
    /// 2-core reference machine (see README, Figures): the default ladder must stay at or above 1.5× real time
    /// for a 720p30 source. All-veryfast measured 0.74 CPU-s per media second (2.7× on two idle cores);
    /// keeping veryfast for 720p, where quality shows most, and superfast below it measured 0.62 CPU-s
    /// (3.2×), which leaves room for a second stream or the simulator's camera on the same machine.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Rendition> Named = new Dictionary<string, Rendition>(StringComparer.OrdinalIgnoreCase)
    {
        ["1080p"] = new() { Name = "1080p", Width = 1920, Height = 1080, VideoBitrateKbps = 5000, Profile = "high", Preset = "veryfast", AudioBitrateKbps = 128 },
        ["720p"] = new() { Name = "720p", Width = 1280, Height = 720, VideoBitrateKbps = 2800, Profile = "high", Preset = "veryfast", AudioBitrateKbps = 128 },
        ["480p"] = new() { Name = "480p", Width = 854, Height = 480, VideoBitrateKbps = 1400, Profile = "main", Preset = "superfast", AudioBitrateKbps = 96 },
        ["360p"] = new() { Name = "360p", Width = 640, Height = 360, VideoBitrateKbps = 800, Profile = "main", Preset = "superfast", AudioBitrateKbps = 96 },
        ["240p"] = new() { Name = "240p", Width = 426, Height = 240, VideoBitrateKbps = 400, Profile = "main", Preset = "superfast", AudioBitrateKbps = 64 },
    };

    /// <summary>The default ladder: 720p / 480p / 360p.</summary>
    public static RenditionLadder Default { get; } = Parse("720p,480p,360p");

    public RenditionLadder(IEnumerable<Rendition> renditions)
    {
        ArgumentNullException.ThrowIfNull(renditions);
        Renditions = [.. renditions];
        if (Renditions.Count == 0)
        {
            throw new ArgumentException("A ladder needs at least one rendition.");
        }
        for (var i = 0; i < Renditions.Count; i++)
        {
            Renditions[i].Validate($"Ladder[{i}]");
        }
        var duplicate = Renditions.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The ladder names '{duplicate.Key}' twice.");
        }
        if (Renditions.Count(r => r.Passthrough) > 1)
        {
            throw new ArgumentException("Only one rung can pass the source through.");
        }
    }

    public IReadOnlyList<Rendition> Renditions { get; }

    /// <summary>True when at least one rung is encoded (so ffmpeg decodes the source).</summary>
    public bool Transcodes => Renditions.Any(r => !r.Passthrough);

    /// <summary>Parses a comma-separated list of names from <see cref="Named"/> and <c>passthrough</c>.</summary>
    public static RenditionLadder Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var rungs = new List<Rendition>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("passthrough", StringComparison.OrdinalIgnoreCase) || part.Equals("source", StringComparison.OrdinalIgnoreCase))
            {
                rungs.Add(Rendition.Source);
            }
            else if (Named.TryGetValue(part, out var named))
            {
                rungs.Add(named);
            }
            else
            {
                throw new ArgumentException($"Unknown rendition '{part}' in ladder '{text}'. Known: passthrough, {string.Join(", ", Named.Keys)}.");
            }
        }
        return new RenditionLadder(rungs);
    }

    public override string ToString() => string.Join(',', Renditions.Select(r => r.Name));
}
