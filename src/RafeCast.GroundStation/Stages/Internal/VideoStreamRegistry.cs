using System.Collections.Concurrent;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.GroundStation.Live;
using RafeCast.Video.Streams;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Every stream the station ingests, configured (<c>RafeCast:Video:Streams</c>) or discovered from a vehicle,
/// with the vehicle it belongs to: discovered streams know theirs, configured ones follow the
/// <c>v{sysid}-cam{n}</c> naming convention.
/// </summary>
internal sealed class VideoStreamRegistry
{
    private readonly ConcurrentDictionary<StreamId, (VideoStream Stream, VehicleId? Vehicle)> _streams = new();

    public VideoStreamRegistry(VideoIngestService configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        foreach (var stream in configured.Streams)
        {
            _streams[stream.Id] = (stream, null);
        }
    }

    /// <summary>Every stream, configured ones first.</summary>
    public IReadOnlyList<VideoStream> All => [.. _streams.Values.Select(s => s.Stream)];

    /// <summary>Adds a discovered stream; false when a stream of that id exists already.</summary>
    public bool TryAdd(VideoStream stream, VehicleId vehicle)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return _streams.TryAdd(stream.Id, (stream, vehicle));
    }

    /// <summary>Removes a discovered stream that failed, so its vehicle's cameras can be discovered again.</summary>
    public bool Remove(VideoStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return _streams.TryGetValue(stream.Id, out var entry) && ReferenceEquals(entry.Stream, stream)
            && _streams.TryRemove(KeyValuePair.Create(stream.Id, entry));
    }

    public VideoStream? Find(StreamId id) => _streams.TryGetValue(id, out var entry) ? entry.Stream : null;

    /// <summary>True when a stream of <paramref name="vehicle"/>'s system is ingested already.</summary>
    public bool HasStreamOf(VehicleId vehicle) =>
        _streams.Keys.Any(id => (_streams[id].Vehicle ?? LiveStationModel.ConventionalVehicle(id))?.SystemId == vehicle.SystemId);

    /// <summary>The vehicle a stream shows: the one it was discovered from, else by its name (<c>v{sysid}-cam{n}</c>), else null.</summary>
    public VehicleId? VehicleOf(StreamId id) =>
        _streams.TryGetValue(id, out var entry) && entry.Vehicle is { } vehicle ? vehicle : LiveStationModel.ConventionalVehicle(id);
}
