using RafeCast.Core.Flights;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;

namespace RafeCast.Core.Tagging;

/// <summary>A closed segment together with the flight it belongs to and its location/dome tags.</summary>
/// <param name="Segment">The segment in the spool.</param>
/// <param name="Flight">The flight (or ground flight) it belongs to.</param>
/// <param name="Vehicle">The vehicle whose camera shot it.</param>
/// <param name="Pilot">The pilot's name when configured, else null.</param>
/// <param name="Tags">Location and dome tags.</param>
public sealed record TaggedSegment(
    VideoSegment Segment,
    FlightId Flight,
    VehicleId Vehicle,
    string? Pilot,
    SegmentTags Tags);
