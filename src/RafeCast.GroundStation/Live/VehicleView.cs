namespace RafeCast.GroundStation.Live;

/// <summary>What the station knows of a vehicle now (JSON event <c>vehicle</c>, and in snapshots).</summary>
/// <param name="Id">"sysid/compid", e.g. "1/1".</param>
/// <param name="SystemId">MAVLink system id.</param>
/// <param name="ComponentId">MAVLink component id.</param>
/// <param name="Connected">False after its link was lost, until it is heard again.</param>
/// <param name="Link">The link it was last heard on (a connection string), when known.</param>
/// <param name="FirstSeen">When the station first heard it, UTC.</param>
/// <param name="LastHeard">Its last heartbeat or fix, UTC, when known.</param>
/// <param name="Position">Its latest position, when known.</param>
/// <param name="Domes">Ids of the domes it is inside now.</param>
/// <param name="Track">Its recent track, oldest first; only in snapshots.</param>
public sealed record VehicleView(
    string Id,
    byte SystemId,
    byte ComponentId,
    bool Connected,
    string? Link,
    DateTimeOffset FirstSeen,
    DateTimeOffset? LastHeard,
    PositionView? Position,
    IReadOnlyList<string> Domes,
    IReadOnlyList<TrackPointView>? Track);
