using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Publishing;
using RafeCast.Core.Tagging;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;

namespace RafeCast.GroundStation.Tests.Support;

/// <summary>Domain values for tests, with sensible defaults.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);
    public static readonly VehicleId Vehicle1 = VehicleId.Autopilot(1);
    public static readonly StreamId Stream1 = StreamId.ForVehicleCamera(1);

    public static TelemetrySample Telemetry(DateTimeOffset time, double lat, double lon, VehicleId? vehicle = null, double altRel = 40, double? heading = 90) =>
        new(time, vehicle ?? Vehicle1, new GeoPosition(lat, lon, altRel + 12, altRel), null, heading, 8.5, "udpin:0.0.0.0:14550");

    public static VideoSegment Segment(long sequence, string rung = "720p", StreamId? stream = null, DateTimeOffset? start = null) =>
        new(stream ?? Stream1, rung, sequence, start ?? T0.AddSeconds(2 * sequence), TimeSpan.FromSeconds(2), $"/spool/{rung}/{sequence}.ts", 250_000, new string('a', 64));

    public static TaggedSegment Tagged(VideoSegment segment, VehicleId? vehicle = null, string? pilot = "ana", IReadOnlyList<string>? domesAtEnd = null) =>
        new(segment, FlightId.Armed(vehicle ?? Vehicle1, T0), vehicle ?? Vehicle1, pilot,
            SegmentTags.UnknownPosition with
            {
                Classification = domesAtEnd is { Count: > 0 } ? SegmentClassification.InsideDome(domesAtEnd[0]) : SegmentClassification.Outside,
                Stale = false,
                DomesAtStart = domesAtEnd ?? [],
                DomesAtEnd = domesAtEnd ?? [],
            });

    public static PublishedSegment Published(VideoSegment segment, TimeSpan latency) =>
        new(Tagged(segment), new Uri($"http://127.0.0.1:10000/devstoreaccount1/archive/{segment.Sequence}.ts"), null, latency);

    public static DomeCrossing Crossing(string dome, CrossingDirection direction, DateTimeOffset time, VehicleId? vehicle = null, double lat = 51.5, double lon = -0.1) =>
        new(vehicle ?? Vehicle1, FlightId.Armed(vehicle ?? Vehicle1, T0), dome, direction, time, new GeoPosition(lat, lon, 52, 40));

    /// <summary>A dome registry with two square domes near 51.5 N, 0.1 W.</summary>
    public const string DomesGeoJson = """
        {
          "type": "FeatureCollection",
          "features": [
            { "type": "Feature",
              "properties": { "id": "dome-harbour", "name": "Harbour Biodome", "kind": "biodome", "height_m": 120 },
              "geometry": { "type": "Polygon", "coordinates": [[[-0.102, 51.499], [-0.098, 51.499], [-0.098, 51.502], [-0.102, 51.502], [-0.102, 51.499]]] } },
            { "type": "Feature",
              "properties": { "id": "dome-market", "name": "Market Dome", "kind": "biodome", "valid_from": "2026-01-01T00:00:00Z", "valid_to": null },
              "geometry": { "type": "MultiPolygon", "coordinates": [[[[-0.095, 51.499], [-0.093, 51.499], [-0.093, 51.501], [-0.095, 51.501], [-0.095, 51.499]]]] } }
          ]
        }
        """;
}
