namespace RafeCast.GroundStation.Live;

/// <summary>A vehicle's position as viewers receive it (JSON event <c>position</c>).</summary>
/// <param name="Vehicle">The vehicle, "sysid/compid".</param>
/// <param name="Time">When the fix was valid, UTC.</param>
/// <param name="Lat">WGS-84 latitude, degrees.</param>
/// <param name="Lon">WGS-84 longitude, degrees.</param>
/// <param name="AltAmsl">Altitude above mean sea level, metres.</param>
/// <param name="AltRel">Altitude above home, metres.</param>
/// <param name="Heading">Heading over ground, degrees [0, 360), when known.</param>
/// <param name="Speed">Ground speed, m/s, when known.</param>
public sealed record PositionView(string Vehicle, DateTimeOffset Time, double Lat, double Lon, double AltAmsl, double AltRel, double? Heading, double? Speed);
