using RafeCast.Core.Geodesy;

namespace RafeCast.Geo.Tracks;

/// <summary>A vehicle's position at one instant, from a sample or interpolated between two.</summary>
/// <param name="TimeUtc">The instant, UTC.</param>
/// <param name="Position">WGS-84 position (degrees; altitudes in metres AMSL and relative to home).</param>
/// <param name="HeadingDegrees">Heading in degrees [0, 360): the samples' heading over ground, else their yaw; null when unknown.</param>
/// <param name="GroundSpeedMetresPerSecond">Horizontal speed in m/s, when known.</param>
public readonly record struct TrackPosition(DateTimeOffset TimeUtc, GeoPosition Position, double? HeadingDegrees, double? GroundSpeedMetresPerSecond);

/// <summary>A stretch of time between two consecutive samples further apart than the gap threshold (link loss).</summary>
/// <param name="LastBeforeUtc">Time of the last sample before the gap.</param>
/// <param name="FirstAfterUtc">Time of the first sample after it.</param>
public readonly record struct TrackGap(DateTimeOffset LastBeforeUtc, DateTimeOffset FirstAfterUtc)
{
    /// <summary>How long no telemetry arrived.</summary>
    public TimeSpan Duration => FirstAfterUtc - LastBeforeUtc;
}
