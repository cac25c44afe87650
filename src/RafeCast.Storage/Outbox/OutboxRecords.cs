using System.Text.Json.Serialization;
using RafeCast.Storage.Manifest;
using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Tagging;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;

namespace RafeCast.Storage.Outbox;

/// <summary>A playlist already rendered by the video stage, named relative to its stream folder (<c>master.m3u8</c>, <c>720p/index.m3u8</c>).</summary>
public sealed record PlaylistText(string Name, string Content);

/// <summary>What kind of per-flight file a <see cref="FlightFileUpload"/> is; it becomes the blob's <c>kind</c> tag (sidecar, telemetry, playlist).</summary>
public enum FlightFileKind
{
    /// <summary>GeoJSON, GPX, WebVTT or SRT rendered by the geo stage.</summary>
    Sidecar,
    /// <summary>The raw MAVLink telemetry log (.tlog).</summary>
    Telemetry,
    /// <summary>
    /// A flight's event playlist in its final form (e.g. ended with EXT-X-ENDLIST when the flight ends), named
    /// like the playlists segment jobs carry (<c>{stream}/{rung}/event.m3u8</c>): it replaces them.
    /// </summary>
    Playlist,
}

/// <summary>
/// A per-flight file to archive (sidecar, telemetry log, final event playlist). Re-enqueue it whenever it grows: the newest
/// version queued wins, older queued versions are skipped.
/// </summary>
/// <param name="Flight">The flight it belongs to.</param>
/// <param name="Vehicle">The flight's vehicle.</param>
/// <param name="Pilot">The pilot, when known.</param>
/// <param name="FlightStartUtc">When the flight started (UTC): dates the archive folder when the flight id carries no date.</param>
/// <param name="Name">Name relative to the flight folder, e.g. <c>track.gpx</c>, <c>telemetry.tlog</c>, <c>v1-cam0/subtitles.vtt</c>.</param>
/// <param name="Kind">Sidecar or telemetry.</param>
public sealed record FlightFileUpload(FlightId Flight, VehicleId Vehicle, string? Pilot, DateTimeOffset FlightStartUtc, string Name, FlightFileKind Kind);

/// <summary>The on-disk form of a job (JSON). Kept separate from the domain types so the outbox format is stable.</summary>
internal sealed record JobRecord
{
    public required int Version { get; init; }
    public required JobKind Kind { get; init; }
    public required string Flight { get; init; }
    public required string FlightPrefix { get; init; }
    public required byte VehicleSystemId { get; init; }
    public required byte VehicleComponentId { get; init; }
    public string? Pilot { get; init; }
    public required DateTimeOffset EnqueuedUtc { get; init; }

    /// <summary>File name of the outbox's own copy under data/, or null when queued by reference (quota reached).</summary>
    public string? DataFile { get; init; }

    /// <summary>Where the bytes came from (the spool); read from here when <see cref="DataFile"/> is null.</summary>
    public string? SourcePath { get; init; }

    public long SizeBytes { get; init; }

    // Segment jobs
    public SegmentRecord? Segment { get; init; }
    public DateTimeOffset? ClosedUtc { get; init; }
    public IReadOnlyList<PlaylistText> LivePlaylists { get; init; } = [];
    public IReadOnlyList<PlaylistText> ArchivePlaylists { get; init; } = [];

    // File jobs
    public string? ArchiveName { get; init; }
    public FlightFileKind? FileKind { get; init; }
    public DateTimeOffset? FlightStartUtc { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<JobKind>))]
internal enum JobKind
{
    Segment,
    File,
    Manifest,
}

/// <summary>A tagged segment, flattened for the outbox and the flight ledger.</summary>
internal sealed record SegmentRecord
{
    public required string Stream { get; init; }
    public required string Rung { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset StartUtc { get; init; }
    public required double DurationSeconds { get; init; }
    public required string SpoolPath { get; init; }
    public required long SizeBytes { get; init; }
    public required string Sha256 { get; init; }
    public double? PtsFirst { get; init; }
    public double? PtsLast { get; init; }
    public bool Discontinuity { get; init; }
    public required string Classification { get; init; }
    public double[]? StartPosition { get; init; }
    public double[]? EndPosition { get; init; }
    public double[]? Centroid { get; init; }
    public double[]? BoundingBox { get; init; }
    public IReadOnlyList<double[]> Track { get; init; } = [];
    public double? MinAltitudeRelative { get; init; }
    public double? MaxAltitudeRelative { get; init; }
    public double? HeadingAtStartDegrees { get; init; }
    public IReadOnlyList<string> DomesAtStart { get; init; } = [];
    public IReadOnlyList<string> DomesAtEnd { get; init; } = [];
    public IReadOnlyList<CrossingRecord> Crossings { get; init; } = [];
    public double? DistanceToNearestBoundaryMetres { get; init; }
    public string? Geohash5 { get; init; }
    public string? Geohash7 { get; init; }
    public bool Stale { get; init; }

    public string FileName => Path.GetFileName(SpoolPath);

    public DateTimeOffset EndUtc => StartUtc + TimeSpan.FromSeconds(DurationSeconds);

    public static SegmentRecord From(TaggedSegment tagged)
    {
        var s = tagged.Segment;
        var t = tagged.Tags;
        return new SegmentRecord
        {
            Stream = s.Stream.Value,
            Rung = s.Rung,
            Sequence = s.Sequence,
            StartUtc = s.StartUtc.ToUniversalTime(),
            DurationSeconds = s.Duration.TotalSeconds,
            SpoolPath = s.Path,
            SizeBytes = s.SizeBytes,
            Sha256 = s.Sha256,
            PtsFirst = s.Pts?.FirstSeconds,
            PtsLast = s.Pts?.LastSeconds,
            Discontinuity = s.Discontinuity,
            Classification = t.Classification.ToString(),
            StartPosition = Encode(t.StartPosition),
            EndPosition = Encode(t.EndPosition),
            Centroid = Encode(t.Centroid),
            BoundingBox = t.BoundingBox is { } b ? [b.MinLatitude, b.MinLongitude, b.MaxLatitude, b.MaxLongitude] : null,
            Track = [.. t.Track.Select(p => Encode(p)!)],
            MinAltitudeRelative = t.MinAltitudeRelative,
            MaxAltitudeRelative = t.MaxAltitudeRelative,
            HeadingAtStartDegrees = t.HeadingAtStartDegrees,
            DomesAtStart = t.DomesAtStart,
            DomesAtEnd = t.DomesAtEnd,
            Crossings = [.. t.Crossings.Select(c => new CrossingRecord(c.DomeId, c.Direction.ToString(), c.TimeUtc.ToUniversalTime(), Encode(c.Position)!))],
            DistanceToNearestBoundaryMetres = t.DistanceToNearestBoundaryMetres,
            Geohash5 = t.Geohash5,
            Geohash7 = t.Geohash7,
            Stale = t.Stale,
        };
    }

    public TaggedSegment ToTagged(string flight, byte systemId, byte componentId, string? pilot)
    {
        var vehicle = new VehicleId(systemId, componentId);
        var flightId = new FlightId(flight);
        var segment = new VideoSegment(new StreamId(Stream), Rung, Sequence, StartUtc, TimeSpan.FromSeconds(DurationSeconds), SpoolPath, SizeBytes, Sha256,
            PtsFirst is { } first && PtsLast is { } last ? new PresentationTimeRange(first, last) : null, Discontinuity);
        var tags = new SegmentTags(
            SegmentClassification.Parse(Classification),
            Decode(StartPosition), Decode(EndPosition), Decode(Centroid),
            BoundingBox is { Length: 4 } b ? new GeoBoundingBox(b[0], b[1], b[2], b[3]) : null,
            [.. Track.Select(p => Decode(p)!.Value)],
            MinAltitudeRelative, MaxAltitudeRelative, HeadingAtStartDegrees, DomesAtStart, DomesAtEnd,
            [.. Crossings.Select(c => new DomeCrossing(vehicle, flightId, c.Dome, Enum.Parse<CrossingDirection>(c.Direction), c.TimeUtc, Decode(c.Position)!.Value))],
            DistanceToNearestBoundaryMetres, Geohash5, Geohash7, Stale);
        return new TaggedSegment(segment, flightId, vehicle, pilot, tags);
    }

    /// <summary>[longitude, latitude, altitude AMSL, altitude relative]: GeoJSON's axis order first.</summary>
    private static double[]? Encode(GeoPosition? p) => p is { } v ? [v.Longitude, v.Latitude, v.AltitudeAmsl, v.AltitudeRelative] : null;

    private static GeoPosition? Decode(double[]? p) => p is { Length: 4 } v ? new GeoPosition(v[1], v[0], v[2], v[3]) : null;
}

/// <summary>A dome crossing; position is [longitude, latitude, altitude AMSL, altitude relative].</summary>
internal sealed record CrossingRecord(string Dome, string Direction, DateTimeOffset TimeUtc, double[] Position);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobRecord))]
[JsonSerializable(typeof(LedgerEntry))]
internal sealed partial class OutboxJson : JsonSerializerContext;
