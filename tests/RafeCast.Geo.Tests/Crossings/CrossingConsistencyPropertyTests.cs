using RafeCast.Core.Domes;
using RafeCast.Core.Telemetry;
using RafeCast.Geo.Crossings;
using RafeCast.Geo.Domes;
using RafeCast.Geo.Tracks;

namespace RafeCast.Geo.Tests.Crossings;

/// <summary>
/// Property: along any track, replaying the crossings of each dome from the presence at the first
/// sample leads to the presence at the last sample, every event being a legal transition — so the
/// number of enters minus exits equals inside-at-end minus inside-at-start. Random tracks (seeded, so a
/// failure reproduces) wander over random overlapping domes with ceilings and validity windows, with
/// random sample rates, gaps, hovering and samples exactly on boundaries.
/// </summary>
public sealed class CrossingConsistencyPropertyTests
{
    private static readonly TestWorld World = TestWorld.Canberra;
    private static readonly DateTimeOffset T0 = TestWorld.T0;
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(2);

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Crossings_AnyTrack_AreConsistentWithPresenceAtStartAndEnd(int seed)
    {
        var random = new Random(seed);
        var registry = RandomRegistry(random);
        for (var track = 0; track < 10; track++)
        {
            var samples = RandomTrack(random, registry);
            var snapshot = new TrackSnapshot(samples, Gap, TimeSpan.FromSeconds(1));

            var crossings = new DomeCrossingDetector(registry, Gap).Detect(snapshot);

            AssertConsistent(registry, snapshot.Samples, crossings, $"seed {seed}, track {track}");
            var classifier = new SampleClassifier(registry, new GeoOptions { GapThreshold = Gap });
            var live = snapshot.Samples.SelectMany(s => classifier.Classify(s).Crossings).ToList();
            Assert.Equal(crossings, live);
        }
    }

    private static void AssertConsistent(DomeRegistry registry, IReadOnlyList<TelemetrySample> samples, IReadOnlyList<DomeCrossing> crossings, string context)
    {
        Assert.Equal(crossings.OrderBy(c => c.TimeUtc), crossings, ReferenceEqualityComparer.Instance);
        var first = samples[0];
        var last = samples[^1];
        for (var dome = 0; dome < registry.Count; dome++)
        {
            var id = registry.Domes[dome].Id;
            var state = Presence(registry, dome, first);
            int enters = 0, exits = 0;
            foreach (var crossing in crossings.Where(c => c.DomeId == id))
            {
                Assert.InRange(crossing.TimeUtc, first.TimeUtc, last.TimeUtc);
                switch (crossing.Direction)
                {
                    case CrossingDirection.Enter:
                        Assert.True(state != DomePresence.Inside, $"{context}: {id} entered at {crossing.TimeUtc:O} while inside");
                        state = DomePresence.Inside;
                        enters++;
                        break;
                    case CrossingDirection.Exit:
                        Assert.True(state == DomePresence.Inside, $"{context}: {id} exited at {crossing.TimeUtc:O} while {state}");
                        // Through the roof the drone is above, through the wall outside: both are "not inside".
                        state = DomePresence.Outside;
                        exits++;
                        break;
                    default:
                        Assert.True(state != DomePresence.Inside, $"{context}: {id} crossed over at {crossing.TimeUtc:O} while inside");
                        state = DomePresence.Outside;
                        break;
                }
            }
            var insideAtStart = Presence(registry, dome, first) == DomePresence.Inside ? 1 : 0;
            var insideAtEnd = Presence(registry, dome, last) == DomePresence.Inside ? 1 : 0;
            Assert.True(enters - exits == insideAtEnd - insideAtStart,
                $"{context}: {id} has {enters} enter(s) and {exits} exit(s) but was inside at start: {insideAtStart}, at end: {insideAtEnd}");
            Assert.Equal(insideAtEnd == 1, state == DomePresence.Inside);
        }
    }

    private static DomePresence Presence(DomeRegistry registry, int dome, TelemetrySample sample) =>
        registry.PresenceIn(dome, sample.Position.Latitude, sample.Position.Longitude, sample.Position.AltitudeRelative, sample.TimeUtc);

    private static DomeRegistry RandomRegistry(Random random)
    {
        var domes = new List<Dome>();
        for (var i = 0; i < random.Next(3, 9); i++)
        {
            double? height = random.Next(3) == 0 ? random.Next(20, 60) : null;
            var validity = random.Next(4) == 0
                ? new ValidityInterval(T0.AddSeconds(random.Next(0, 60)), T0.AddSeconds(random.Next(61, 200)))
                : ValidityInterval.Always;
            double east = random.Next(-400, 400), north = random.Next(-400, 400);
            domes.Add(random.Next(2) == 0
                ? World.Circle($"d{i}", east, north, random.Next(60, 300), vertices: random.Next(5, 40), height: height, validity: validity)
                : World.Square($"d{i}", east, north, random.Next(60, 400), height, validity));
        }
        return DomeRegistry.Create(domes);
    }

    private static List<TelemetrySample> RandomTrack(Random random, DomeRegistry registry)
    {
        var samples = new List<TelemetrySample>();
        var time = T0.AddSeconds(random.Next(-20, 20));
        double east = random.Next(-600, 600), north = random.Next(-600, 600), altitude = random.Next(0, 80);
        for (var i = 0; i < random.Next(2, 200); i++)
        {
            var roll = random.Next(20);
            if (roll == 0)
            {
                time += TimeSpan.FromSeconds(random.Next(3, 20)); // a telemetry gap
            }
            else
            {
                time += TimeSpan.FromMilliseconds(random.Next(50, 1500));
            }
            if (roll == 1 && registry.Count > 0)
            {
                // Exactly on a vertex of a dome: boundaries must not confuse the count.
                var dome = registry.Domes[random.Next(registry.Count)];
                var vertex = dome.Boundary[0].Outer[random.Next(dome.Boundary[0].Outer.Count)];
                (east, north) = World.Projection.Project(vertex);
            }
            else if (roll > 3)
            {
                east += random.Next(-60, 61);
                north += random.Next(-60, 61);
            }
            altitude = Math.Clamp(altitude + random.Next(-15, 16), 0, 100);
            samples.Add(World.Sample(time, east, north, altitude));
        }
        return samples;
    }
}
