using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using RafeCast.Cli.Commands.Domes;
using RafeCast.Cli.Infrastructure;
using RafeCast.Core.Domes;
using RafeCast.Core.Tagging;
using RafeCast.Core.Telemetry;
using RafeCast.Geo;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Sidecars;
using RafeCast.Geo.Tagging;
using RafeCast.Geo.Tracks;
using RafeCast.Mavlink.Telemetry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Tag;

/// <summary>
/// <c>rafecast tag --domes FILE --telemetry FLIGHT.tlog [--segment-seconds 2 | --playlist PLAYLIST.m3u8] [--json] [--sidecars DIR]</c>:
/// retro-tags footage that was not tagged live. Segments are the telemetry's time span split evenly, or the
/// segments of an HLS media playlist placed by EXT-X-PROGRAM-DATE-TIME.
/// </summary>
internal sealed class TagCommand(IAnsiConsole console) : AsyncCommand<TagCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--domes <FILE>")]
        [Description("The dome registry (GeoJSON).")]
        public string? Domes { get; init; }

        [CommandOption("--telemetry <FILE>")]
        [Description("The flight's MAVLink telemetry log (.tlog).")]
        public string? Telemetry { get; init; }

        [CommandOption("--segment-seconds <SECONDS>")]
        [Description("Split the flight into segments this long (default 2).")]
        public double? SegmentSeconds { get; init; }

        [CommandOption("--playlist <PLAYLIST>")]
        [Description("Tag the segments of this HLS media playlist (needs EXT-X-PROGRAM-DATE-TIME).")]
        public string? Playlist { get; init; }

        [CommandOption("--json")]
        [Description("One JSON object per line: segments and crossings.")]
        public bool Json { get; init; }

        [CommandOption("--sidecars <DIR>")]
        [Description("Write GeoJSON, GPX, WebVTT and SubRip sidecars for the flight and each segment into DIR.")]
        public string? Sidecars { get; init; }

        [CommandOption("--vehicle <SYSID>")]
        [Description("The vehicle to tag when the log holds several (MAVLink system id).")]
        public byte? Vehicle { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Domes))
            {
                return ValidationResult.Error("--domes FILE is required: the dome registry (GeoJSON).");
            }
            if (string.IsNullOrWhiteSpace(Telemetry))
            {
                return ValidationResult.Error("--telemetry FILE is required: the flight's .tlog.");
            }
            if (SegmentSeconds is not null && Playlist is not null)
            {
                return ValidationResult.Error("--segment-seconds and --playlist exclude each other: split evenly, or follow a playlist.");
            }
            if (SegmentSeconds is { } seconds && !(seconds > 0 && seconds <= 3600))
            {
                return ValidationResult.Error($"--segment-seconds must be more than 0 and at most 3600, got {seconds.ToString(CultureInfo.InvariantCulture)}.");
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var registry = LoadRegistry(settings.Domes!);
        var samples = await ReadTelemetryAsync(settings.Telemetry!, settings.Vehicle, cancellationToken).ConfigureAwait(false);
        var options = new GeoOptions();
        var track = new TrackSnapshot(samples, options);
        var windows = Windows(settings, track);
        var tagger = new SegmentTagger(registry, options);

        var counts = new Dictionary<ClassificationKind, int>();
        var crossingCount = 0;
        foreach (var window in windows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tags = tagger.Tag(track, window.StartUtc, window.EndUtc);
            counts[tags.Classification.Kind] = counts.GetValueOrDefault(tags.Classification.Kind) + 1;
            crossingCount += tags.Crossings.Count;
            if (settings.Json)
            {
                PlainOutput.WriteLine(console, TagJson.Segment(window.StartUtc, window.EndUtc, tags));
                foreach (var crossing in tags.Crossings)
                {
                    PlainOutput.WriteLine(console, TagJson.Crossing(crossing));
                }
            }
            else
            {
                WriteHuman(window, tags);
            }
            if (settings.Sidecars is { } directory)
            {
                var sidecar = SidecarTrack.Create(window.Name, track, registry, window.StartUtc, window.EndUtc, tags: tags);
                SidecarFiles.WriteAll(Path.Combine(directory, "segments"), window.Name, sidecar);
            }
        }
        if (settings.Sidecars is { } sidecars)
        {
            var flightName = Path.GetFileNameWithoutExtension(settings.Telemetry!);
            SidecarFiles.WriteAll(sidecars, flightName, SidecarTrack.ForFlight(flightName, track, registry));
        }
        if (!settings.Json)
        {
            var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key.ToString().ToLowerInvariant()}"));
            console.MarkupLineInterpolated($"[green]{windows.Count} segment(s): {summary}; {crossingCount} crossing(s)[/]");
            if (settings.Sidecars is { } written)
            {
                console.MarkupLineInterpolated($"Sidecars written to {written}");
            }
        }
        return ExitCodes.Success;
    }

    private DomeRegistry LoadRegistry(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserFacingException($"The dome registry {path} does not exist.", ExitCodes.Usage);
        }
        var result = DomeRegistryReader.ReadFile(path);
        if (!result.IsValid)
        {
            foreach (var problem in result.Problems)
            {
                PlainOutput.WriteLine(console, "  " + problem);
            }
            throw new UserFacingException($"The dome registry {path} has {result.Problems.Count} problem(s); `rafecast domes check {path}` lists them.", ExitCodes.Failed);
        }
        return result.ToRegistry();
    }

    private static async Task<List<TelemetrySample>> ReadTelemetryAsync(string path, byte? vehicle, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new UserFacingException($"The telemetry log {path} does not exist.", ExitCodes.Usage);
        }
        var samples = new List<TelemetrySample>();
        await foreach (var sample in TlogTelemetry.ReadSamplesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            samples.Add(sample);
        }
        var vehicles = samples.Select(s => s.Vehicle.SystemId).Distinct().Order().ToList();
        if (vehicles.Count == 0)
        {
            throw new UserFacingException($"{path} holds no position telemetry (GLOBAL_POSITION_INT): is it a MAVLink .tlog of a flight?", ExitCodes.Failed);
        }
        if (vehicle is { } wanted)
        {
            if (!vehicles.Contains(wanted))
            {
                throw new UserFacingException($"{path} has no positions of vehicle {wanted}; it has vehicle(s) {string.Join(", ", vehicles)}.", ExitCodes.Usage);
            }
            return samples.Where(s => s.Vehicle.SystemId == wanted).ToList();
        }
        if (vehicles.Count > 1)
        {
            throw new UserFacingException($"{path} holds positions of vehicles {string.Join(", ", vehicles)}; choose one with --vehicle SYSID.", ExitCodes.Usage);
        }
        return samples;
    }

    private sealed record Window(string Name, DateTimeOffset StartUtc, DateTimeOffset EndUtc);

    private static List<Window> Windows(Settings settings, TrackSnapshot track)
    {
        if (settings.Playlist is { } playlist)
        {
            if (!File.Exists(playlist))
            {
                throw new UserFacingException($"The playlist {playlist} does not exist.", ExitCodes.Usage);
            }
            try
            {
                return [.. HlsPlaylistReader.Read(playlist).Select(s => new Window(SegmentName(s.Uri), s.StartUtc, s.EndUtc))];
            }
            catch (FormatException ex)
            {
                throw new UserFacingException(ex.Message, ExitCodes.Failed, ex);
            }
        }
        var length = TimeSpan.FromSeconds(settings.SegmentSeconds ?? 2);
        var first = track.FirstTimeUtc!.Value;
        var last = track.LastTimeUtc!.Value;
        var windows = new List<Window>();
        for (var (start, index) = (first, 0); start < last || index == 0; start += length, index++)
        {
            var end = start + length < last ? start + length : last;
            windows.Add(new Window(string.Create(CultureInfo.InvariantCulture, $"segment-{index:00000}"), start, end > start ? end : start + length));
        }
        return windows;
    }

    private static string SegmentName(string uri)
    {
        var path = uri.Split('?', '#')[0];
        var name = Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/')[^1]);
        return string.IsNullOrEmpty(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ? "segment" : name;
    }

    private void WriteHuman(Window window, SegmentTags tags)
    {
        var position = tags.StartPosition is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"{p.Latitude:F7},{p.Longitude:F7} {p.AltitudeRelative,6:F1} m")
            : "position unknown";
        var domes = TagJson.DomesDuring(tags);
        PlainOutput.WriteLine(console, string.Create(CultureInfo.InvariantCulture,
            $"{window.StartUtc.UtcDateTime:HH:mm:ss.fff}-{window.EndUtc.UtcDateTime:HH:mm:ss.fff}  {tags.Classification,-32} {position}  domes: {(domes.Count > 0 ? string.Join(" ", domes) : "-")}"));
        foreach (var crossing in tags.Crossings)
        {
            PlainOutput.WriteLine(console, string.Create(CultureInfo.InvariantCulture,
                $"    {crossing.TimeUtc.UtcDateTime:HH:mm:ss.fff}  {TagJson.Direction(crossing.Direction)} {crossing.DomeId} at {crossing.Position.Latitude:F7},{crossing.Position.Longitude:F7}"));
        }
    }
}

/// <summary>The JSON lines of <c>rafecast tag --json</c> (a contract scripts rely on: keep names and fields).</summary>
internal static class TagJson
{
    /// <summary>
    /// <c>{"type":"segment","start":ISO-8601,"end":ISO-8601,"classification":..,"domes":[ids],"position":{"lat":..,"lon":..,"alt_rel":..},"stale":bool}</c>;
    /// <c>domes</c> are those the vehicle was inside at any moment of the segment, <c>position</c> is the start position (null when unknown).
    /// </summary>
    public static string Segment(DateTimeOffset start, DateTimeOffset end, SegmentTags tags)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "segment");
            json.WriteString("start", Utc(start));
            json.WriteString("end", Utc(end));
            json.WriteString("classification", tags.Classification.ToString());
            json.WriteStartArray("domes");
            foreach (var id in DomesDuring(tags))
            {
                json.WriteStringValue(id);
            }
            json.WriteEndArray();
            if (tags.StartPosition is { } p)
            {
                json.WriteStartObject("position");
                json.WriteNumber("lat", Math.Round(p.Latitude, 7));
                json.WriteNumber("lon", Math.Round(p.Longitude, 7));
                json.WriteNumber("alt_rel", Math.Round(p.AltitudeRelative, 2));
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("position");
            }
            json.WriteBoolean("stale", tags.Stale);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary><c>{"type":"crossing","dome":id,"direction":"enter"|"exit"|"over","time":ISO-8601,"lat":..,"lon":..}</c>.</summary>
    public static string Crossing(DomeCrossing crossing)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "crossing");
            json.WriteString("dome", crossing.DomeId);
            json.WriteString("direction", Direction(crossing.Direction));
            json.WriteString("time", Utc(crossing.TimeUtc));
            json.WriteNumber("lat", Math.Round(crossing.Position.Latitude, 7));
            json.WriteNumber("lon", Math.Round(crossing.Position.Longitude, 7));
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The domes the vehicle was inside at some moment of the segment: at its start, its end, or between an enter and an exit.</summary>
    public static IReadOnlyList<string> DomesDuring(SegmentTags tags) =>
        [.. tags.DomesAtStart
            .Concat(tags.Crossings.Where(c => c.Direction is CrossingDirection.Enter or CrossingDirection.Exit).Select(c => c.DomeId))
            .Concat(tags.DomesAtEnd)
            .Distinct(StringComparer.Ordinal)];

    public static string Direction(CrossingDirection direction) => direction switch
    {
        CrossingDirection.Enter => "enter",
        CrossingDirection.Exit => "exit",
        _ => "over",
    };

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
