using RafeCast.Core.Domes;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;
using RafeCast.Geo.Geodesy;

namespace RafeCast.Geo.Tests;

/// <summary>
/// A piece of the real world to test in: a local east/north frame in metres around a real place, domes
/// and flights laid out in metres there and turned into WGS-84 degrees.
/// </summary>
internal sealed class TestWorld(GeoPoint origin)
{
    /// <summary>ArduPilot SITL's default home, Canberra.</summary>
    public static TestWorld Canberra { get; } = new(new GeoPoint(-35.363261, 149.165230));

    /// <summary>Tromsø, far north, where a degree of longitude is short.</summary>
    public static TestWorld Tromso { get; } = new(new GeoPoint(69.6492, 18.9553));

    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);
    public static readonly VehicleId Vehicle = VehicleId.Autopilot(1);

    public LocalProjection Projection { get; } = new(origin);

    public GeoPoint At(double east, double north) => Projection.Unproject(east, north);

    public Dome Square(string id, double centreEast, double centreNorth, double side, double? height = null, ValidityInterval validity = default)
    {
        var h = side / 2;
        return Polygon(id, height, validity,
            [(centreEast - h, centreNorth - h), (centreEast + h, centreNorth - h), (centreEast + h, centreNorth + h), (centreEast - h, centreNorth + h)]);
    }

    public Dome Circle(string id, double centreEast, double centreNorth, double radius, int vertices = 256, double? height = null, ValidityInterval validity = default) =>
        Polygon(id, height, validity,
            [.. Enumerable.Range(0, vertices).Select(i => (centreEast + (radius * Math.Cos(2 * Math.PI * i / vertices)), centreNorth + (radius * Math.Sin(2 * Math.PI * i / vertices))))]);

    public Dome Polygon(string id, double? height, ValidityInterval validity, (double East, double North)[] corners)
    {
        var ring = corners.Select(c => At(c.East, c.North)).ToList();
        ring.Add(ring[0]);
        return new Dome(id, id, "biodome", [new DomePolygon(ring, [])], height, validity);
    }

    public TelemetrySample Sample(DateTimeOffset time, double east, double north, double altitudeRelative, double? heading = null)
    {
        var point = At(east, north);
        return new TelemetrySample(time, Vehicle, new GeoPosition(point.Latitude, point.Longitude, 580 + altitudeRelative, altitudeRelative),
            null, heading, null, "test");
    }

    /// <summary>
    /// A straight flight at constant speed from (east0, north0) along <paramref name="headingDegrees"/>
    /// (0 = north, 90 = east), sampled every <paramref name="interval"/>, altitude changing linearly.
    /// </summary>
    public List<TelemetrySample> StraightFlight(
        double east0, double north0, double headingDegrees, double speed, TimeSpan duration, TimeSpan interval,
        double altitudeFrom = 30, double? altitudeTo = null, DateTimeOffset? start = null)
    {
        var t0 = start ?? T0;
        var samples = new List<TelemetrySample>();
        var ue = Math.Sin(headingDegrees * Math.PI / 180);
        var un = Math.Cos(headingDegrees * Math.PI / 180);
        for (var t = TimeSpan.Zero; t <= duration; t += interval)
        {
            var s = t.TotalSeconds * speed;
            var altitude = altitudeFrom + (((altitudeTo ?? altitudeFrom) - altitudeFrom) * (t / duration));
            samples.Add(Sample(t0 + t, east0 + (s * ue), north0 + (s * un), altitude, headingDegrees));
        }
        return samples;
    }
}
