using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.GroundStation.Configuration;
using RafeCast.Geo;
using RafeCast.Geo.Hls;
using RafeCast.Pipeline.Events;
using RafeCast.Storage.Outbox;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// The station's data flow between stages, driven by the pipeline's notifications:
/// <list type="bullet">
/// <item>a vehicle connects → its cameras are discovered; arms/disarms/loses its link → flights start and end;</item>
/// <item>telemetry → the vehicle's track, and <see cref="DomeCrossed"/> as crossings happen (geo stage);</item>
/// <item>a segment closes → filed under its flight and tagged (geo stage publishes <see cref="SegmentTagged"/>);</item>
/// <item>a segment is tagged → its crossings become EXT-X-DATERANGE cues in the stream's playlists and the flight's,
/// then it is queued in the durable outbox with the playlists that list it (the uploader publishes the segment
/// before them), and an ended flight whose footage is now complete is archived.</item>
/// </list>
/// </summary>
internal sealed class StageWiring(
    MavlinkLinksStage mavlink,
    VideoDiscoveryStage discovery,
    VideoStreamRegistry streams,
    FlightsStage flights,
    FlightArchive archive,
    GeoTaggingStage geo,
    SegmentTaggedRecorder recorder,
    IOptions<StationOptions> station,
    ILogger<StageWiring> logger) : IStageWiring
{
    private readonly HashSet<StreamId> _unknownStreams = [];

    public async ValueTask OnVehicleConnectedAsync(VehicleConnected connected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connected);
        discovery.Discover(connected.Vehicle);
        if (connected.Regained)
        {
            var armed = mavlink.Station.FindVehicle(connected.Vehicle)?.State.Armed == true;
            await flights.LinkRegainedAsync(connected.Vehicle, armed, connected.AtUtc, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask OnVehicleLinkLostAsync(VehicleLinkLost lost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lost);
        flights.LinkLost(lost.Vehicle, lost.LastHeardUtc);
        return ValueTask.CompletedTask;
    }

    public async ValueTask OnVehicleStateChangedAsync(VehicleStateChanged changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (changed.BecameArmed)
        {
            await flights.ArmedAsync(changed.Vehicle, changed.AtUtc, cancellationToken).ConfigureAwait(false);
        }
        else if (changed.BecameDisarmed)
        {
            flights.Disarmed(changed.Vehicle, changed.AtUtc);
        }
    }

    public async ValueTask OnTelemetryAsync(TelemetryReceived telemetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        var sample = telemetry.Sample;
        await geo.OnTelemetryAsync(sample, flights.Tracker.ArmedFlightAt(sample.Vehicle, sample.TimeUtc), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask OnSegmentClosedAsync(SegmentClosed closed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closed);
        var segment = closed.Segment;
        var vehicle = VehicleOf(segment.Stream);
        var flight = flights.Tracker.Assign(vehicle, segment);
        await geo.TagSegmentAsync(segment, vehicle, flight.Id, station.Value.Pilot, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask OnSegmentTaggedAsync(SegmentTagged tagged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tagged);
        var segment = tagged.Tagged.Segment;
        var cues = DomeCrossingDateRange.Format(tagged.Tagged.Tags.Crossings);
        var video = streams.Find(segment.Stream);
        if (video is not null && cues.Count > 0 && video.Playlist(segment.Rung).AddExtraTags(segment.Sequence, cues))
        {
            // The spool's own playlists (served by the station at /hls/) carry the cues too.
            video.RewritePlaylists();
        }
        if (!archive.Add(tagged.Tagged.Flight, segment, cues, video?.Settings.SegmentDuration ?? segment.Duration))
        {
            Log.SegmentAfterFlightArchived(logger, segment.Stream.Value, segment.Rung, segment.Sequence, tagged.Tagged.Flight.Value);
        }
        try
        {
            recorder.Record(tagged);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.SegmentQueueFailed(logger, ex, segment.Stream.Value, segment.Rung, segment.Sequence);
        }
        flights.SegmentQueued(tagged.Tagged.Vehicle);
        return ValueTask.CompletedTask;
    }

    private VehicleId VehicleOf(StreamId stream)
    {
        if (streams.VehicleOf(stream) is { } vehicle)
        {
            // A configured stream names the system; the autopilot's component is the one the station heard.
            return mavlink.Station.Vehicles.FirstOrDefault(v => v.Id.SystemId == vehicle.SystemId)?.Id ?? vehicle;
        }
        lock (_unknownStreams)
        {
            if (_unknownStreams.Add(stream))
            {
                Log.StreamWithoutVehicle(logger, stream.Value);
            }
        }
        return new VehicleId(0, 0);
    }
}
