namespace RafeCast.GroundStation.Live;

/// <summary>One point of a vehicle's recent track: UTC time, degrees, metres above home.</summary>
public readonly record struct TrackPointView(DateTimeOffset Time, double Lat, double Lon, double AltRel);
