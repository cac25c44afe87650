namespace RafeCast.GroundStation.Live;

/// <summary>Everything a viewer needs to draw the present (JSON event <c>snapshot</c>, first on every live connection).</summary>
/// <param name="Now">The station's clock, UTC.</param>
/// <param name="Vehicles">Every vehicle heard, with its recent track.</param>
/// <param name="Streams">Every stream seen, live or idle.</param>
/// <param name="Crossings">The recent dome crossings, oldest first.</param>
/// <param name="Gaps">The recent stream gaps, oldest first.</param>
public sealed record LiveSnapshot(
    DateTimeOffset Now,
    IReadOnlyList<VehicleView> Vehicles,
    IReadOnlyList<StreamView> Streams,
    IReadOnlyList<CrossingView> Crossings,
    IReadOnlyList<GapView> Gaps);
