namespace RafeCast.GroundStation.Live;

/// <summary>A dome crossing as viewers receive it (JSON event <c>crossing</c>).</summary>
/// <param name="Vehicle">The vehicle, "sysid/compid".</param>
/// <param name="Flight">The flight it happened in, when known.</param>
/// <param name="Dome">The dome's id in the registry.</param>
/// <param name="Direction"><c>enter</c>, <c>exit</c> or <c>over</c>.</param>
/// <param name="Time">When the boundary was crossed, UTC.</param>
/// <param name="Lat">Where, WGS-84 latitude in degrees.</param>
/// <param name="Lon">Where, WGS-84 longitude in degrees.</param>
/// <param name="AltRel">Altitude above home at the crossing, metres.</param>
public sealed record CrossingView(string Vehicle, string? Flight, string Dome, string Direction, DateTimeOffset Time, double Lat, double Lon, double AltRel);
