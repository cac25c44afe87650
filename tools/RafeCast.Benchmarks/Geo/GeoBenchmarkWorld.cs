using RafeCast.Core.Domes;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;
using RafeCast.Geo.Geodesy;

namespace RafeCast.Benchmarks.Geo;

/// <summary>
/// Domes and positions for the geo benchmarks: circular domes (32-gons, 50-400 m radius) at a constant
/// density of one per square kilometre around Canberra, so a bigger registry covers a bigger area and a
/// position meets about as many domes whatever the count — what grows is only the index's work.
/// </summary>
internal static class GeoBenchmarkWorld
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);
    private static readonly LocalProjection Projection = new(new GeoPoint(-35.363261, 149.165230));

    public static List<Dome> Domes(int count, int seed = 42)
    {
        var random = new Random(seed);
        var half = Math.Sqrt(count) * 1000 / 2;
        var domes = new List<Dome>(count);
        for (var i = 0; i < count; i++)
        {
            double east = (random.NextDouble() * 2 * half) - half, north = (random.NextDouble() * 2 * half) - half;
            var radius = 50 + (random.NextDouble() * 350);
            var ring = Enumerable.Range(0, 32)
                .Select(k => Projection.Unproject(east + (radius * Math.Cos(2 * Math.PI * k / 32)), north + (radius * Math.Sin(2 * Math.PI * k / 32))))
                .ToList();
            ring.Add(ring[0]);
            double? height = i % 4 == 0 ? 60 : null;
            domes.Add(new Dome($"dome-{i}", $"Dome {i}", "biodome", [new DomePolygon(ring, [])], height, ValidityInterval.Always));
        }
        return domes;
    }

    public static GeoPosition[] Positions(int domeCount, int count, int seed = 7)
    {
        var random = new Random(seed);
        var half = Math.Sqrt(domeCount) * 1000 / 2;
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var p = Projection.Unproject((random.NextDouble() * 2 * half) - half, (random.NextDouble() * 2 * half) - half);
            var altitude = random.NextDouble() * 100;
            return new GeoPosition(p.Latitude, p.Longitude, 580 + altitude, altitude);
        })];
    }

    /// <summary>Positions along a wandering flight over the registry, 1.2 m apart (10 Hz at 12 m/s).</summary>
    public static GeoPosition[] Track(int domeCount, int count, int seed = 9)
    {
        var random = new Random(seed);
        var half = Math.Sqrt(domeCount) * 1000 / 2;
        double east = (random.NextDouble() - 0.5) * half, north = (random.NextDouble() - 0.5) * half, heading = random.NextDouble() * 2 * Math.PI;
        var positions = new GeoPosition[count];
        for (var i = 0; i < count; i++)
        {
            heading += (random.NextDouble() - 0.5) * 0.1;
            east += 1.2 * Math.Sin(heading);
            north += 1.2 * Math.Cos(heading);
            var p = Projection.Unproject(east, north);
            var altitude = 40 + (20 * Math.Sin(i / 200.0));
            positions[i] = new GeoPosition(p.Latitude, p.Longitude, 580 + altitude, altitude);
        }
        return positions;
    }

    /// <summary>A vehicle flying back and forth over the middle of the registry at 12 m/s, sampled at 10 Hz.</summary>
    public static List<TelemetrySample> Flight(TimeSpan duration)
    {
        var samples = new List<TelemetrySample>();
        var vehicle = VehicleId.Autopilot(1);
        for (var t = TimeSpan.Zero; t <= duration; t += TimeSpan.FromMilliseconds(100))
        {
            var s = t.TotalSeconds * 12 % 6000;
            var east = (s < 3000 ? s : 6000 - s) - 1500;
            var north = 400 * Math.Sin(t.TotalSeconds / 30);
            var p = Projection.Unproject(east, north);
            var altitude = 40 + (25 * Math.Sin(t.TotalSeconds / 17));
            samples.Add(new TelemetrySample(T0 + t, vehicle, new GeoPosition(p.Latitude, p.Longitude, 580 + altitude, altitude), null, s < 3000 ? 90 : 270, 12, "bench"));
        }
        return samples;
    }
}
