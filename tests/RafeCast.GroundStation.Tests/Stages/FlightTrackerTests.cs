using Microsoft.Extensions.Time.Testing;
using RafeCast.Core.Flights;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Stages.Internal;
using RafeCast.Pipeline.Events;
using static RafeCast.GroundStation.Tests.Support.Samples;

namespace RafeCast.GroundStation.Tests.Stages;

public sealed class FlightTrackerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(T0);
    private readonly List<FlightSession> _endedByTimeout = [];
    private readonly FlightTracker _tracker;

    public FlightTrackerTests()
    {
        _tracker = new FlightTracker(_time, new FlightOptions { LinkLossTimeout = TimeSpan.FromSeconds(30) }, _endedByTimeout.Add);
    }

    public void Dispose() => _tracker.Dispose();

    [Fact]
    public void Arm_VehicleArms_StartsAFlightNamedByTheArmingTime()
    {
        var flight = _tracker.Arm(Vehicle1, T0.AddSeconds(5));

        Assert.NotNull(flight);
        Assert.Equal(FlightId.Armed(Vehicle1, T0.AddSeconds(5)), flight.Id);
        Assert.Same(flight, _tracker.OpenFlight(Vehicle1));
        Assert.Null(_tracker.Arm(Vehicle1, T0.AddSeconds(6)));
    }

    [Fact]
    public void Assign_SegmentsBeforeDuringAndAfterAFlight_GroundFlightThenArmedFlightThenGround()
    {
        var armed = _tracker.Arm(Vehicle1, T0.AddSeconds(5))!;
        _tracker.End(Vehicle1, T0.AddSeconds(11), FlightEndReason.Disarmed);

        var before = _tracker.Assign(Vehicle1, Segment(0));          // 0-2 s
        var overlappingStart = _tracker.Assign(Vehicle1, Segment(2)); // 4-6 s
        var inside = _tracker.Assign(Vehicle1, Segment(4));          // 8-10 s
        var overlappingEnd = _tracker.Assign(Vehicle1, Segment(5));  // 10-12 s
        var after = _tracker.Assign(Vehicle1, Segment(6));           // 12-14 s

        Assert.True(before.IsGround);
        Assert.Equal(FlightId.Ground(Vehicle1, T0), before.Id);
        Assert.Same(armed, overlappingStart);
        Assert.Same(armed, inside);
        Assert.Same(armed, overlappingEnd);
        Assert.Same(before, after);
        Assert.Equal(3, armed.Segments);
    }

    [Fact]
    public void TakeReadyToArchive_EndedFlight_WaitsUntilEveryRungReachesTheEnd()
    {
        var armed = _tracker.Arm(Vehicle1, T0)!;
        _tracker.Assign(Vehicle1, Segment(0, "720p"));
        _tracker.Assign(Vehicle1, Segment(0, "360p"));
        _tracker.End(Vehicle1, T0.AddSeconds(3), FlightEndReason.Disarmed);

        var early = _tracker.TakeReadyToArchive(Vehicle1);
        _tracker.Assign(Vehicle1, Segment(1, "720p"));
        var oneRung = _tracker.TakeReadyToArchive(Vehicle1);
        _tracker.Assign(Vehicle1, Segment(1, "360p"));
        var both = _tracker.TakeReadyToArchive(Vehicle1);

        Assert.Empty(early);
        Assert.Empty(oneRung);
        Assert.Same(armed, Assert.Single(both));
        Assert.True(armed.Archived);
        Assert.Empty(_tracker.TakeReadyToArchive(Vehicle1));
    }

    [Fact]
    public void LinkLost_LongerThanTheTimeout_EndsTheFlightWhenTheVehicleWasLastHeard()
    {
        var armed = _tracker.Arm(Vehicle1, T0)!;
        _time.Advance(TimeSpan.FromSeconds(20));
        _tracker.LinkLost(Vehicle1, T0.AddSeconds(16));

        _time.Advance(TimeSpan.FromSeconds(25));
        var stillOpen = _tracker.OpenFlight(Vehicle1);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Same(armed, stillOpen);
        Assert.Same(armed, Assert.Single(_endedByTimeout));
        Assert.Equal(T0.AddSeconds(16), armed.EndUtc);
        Assert.Equal(FlightEndReason.LinkLost, armed.EndReason);
        Assert.Null(_tracker.OpenFlight(Vehicle1));
    }

    [Fact]
    public void LinkRegained_BeforeTheTimeout_KeepsTheFlightGoing()
    {
        var armed = _tracker.Arm(Vehicle1, T0)!;
        _tracker.LinkLost(Vehicle1, T0);
        _time.Advance(TimeSpan.FromSeconds(10));

        _tracker.LinkRegained(Vehicle1);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(_endedByTimeout);
        Assert.Same(armed, _tracker.OpenFlight(Vehicle1));
    }

    [Fact]
    public void EndAll_StationStops_EndsOpenFlightsAndReturnsEveryFlightNotArchived()
    {
        var ground = _tracker.Assign(Vehicle1, Segment(0));
        var armed = _tracker.Arm(Vehicle1, T0.AddSeconds(3))!;

        var all = _tracker.EndAll(T0.AddSeconds(9));

        Assert.Equal(2, all.Count);
        Assert.Contains(ground, all);
        Assert.Contains(armed, all);
        Assert.Equal(T0.AddSeconds(9), armed.EndUtc);
        Assert.Equal(FlightEndReason.StationStopped, armed.EndReason);
        Assert.All(all, f => Assert.True(f.Archived));
        Assert.Null(_tracker.OpenFlight(Vehicle1));
    }

    [Fact]
    public void ArmedFlightAt_TimesAroundAFlight_OnlyInsideIsTheFlight()
    {
        var armed = _tracker.Arm(Vehicle1, T0.AddSeconds(5))!;
        _tracker.End(Vehicle1, T0.AddSeconds(10), FlightEndReason.Disarmed);

        Assert.Null(_tracker.ArmedFlightAt(Vehicle1, T0.AddSeconds(4)));
        Assert.Equal(armed.Id, _tracker.ArmedFlightAt(Vehicle1, T0.AddSeconds(7)));
        Assert.Null(_tracker.ArmedFlightAt(Vehicle1, T0.AddSeconds(10)));
    }
}
