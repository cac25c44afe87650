namespace RafeCast.GroundStation.Live;

/// <summary>One change pushed to viewers: a Server-Sent-Events event name and its JSON data (UTF-8).</summary>
/// <param name="Event">snapshot, position, vehicle, crossing, stream or gap.</param>
/// <param name="Vehicle">The vehicle it concerns ("sysid/compid"), for filtering; null when none.</param>
/// <param name="Json">The event's data, serialized once for every subscriber.</param>
public sealed record LiveUpdate(string Event, string? Vehicle, ReadOnlyMemory<byte> Json);
