using RafeCast.Core.Domes;
using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Tagging;
using RafeCast.Core.Telemetry;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;

namespace RafeCast.Core.Tests;

public sealed class DomainModelTests
{
    [Fact]
    public void FlightIdArmed_FormatsUtcTimeAndSystemId()
    {
        var armed = new DateTimeOffset(2026, 11, 26, 10, 30, 5, TimeSpan.FromHours(2));
        var id = FlightId.Armed(VehicleId.Autopilot(7), armed);
        Assert.Equal("20261126T083005Z-v7", id.Value);
        Assert.False(id.IsGround);
    }

    [Fact]
    public void FlightIdGround_IsMarkedGround()
    {
        var id = FlightId.Ground(VehicleId.Autopilot(2), new DateTimeOffset(2026, 1, 2, 23, 0, 0, TimeSpan.Zero));
        Assert.Equal("ground-20260102-v2", id.Value);
        Assert.True(id.IsGround);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("has space")]
    [InlineData("")]
    public void FlightId_RejectsUnsafeCharacters(string value) =>
        Assert.ThrowsAny<ArgumentException>(() => new FlightId(value));

    [Fact]
    public void StreamId_RejectsDots()
    {
        var error = Assert.Throws<ArgumentException>(() => new StreamId("v1.cam0"));
        Assert.Contains("v1.cam0", error.Message, StringComparison.Ordinal);
        Assert.Equal("v3-cam1", StreamId.ForVehicleCamera(3, 1).Value);
    }

    [Theory]
    [InlineData("inside:dome-a", ClassificationKind.Inside, "dome-a")]
    [InlineData("outside", ClassificationKind.Outside, null)]
    [InlineData("crossing", ClassificationKind.Crossing, null)]
    [InlineData("unknown", ClassificationKind.Unknown, null)]
    public void SegmentClassification_RoundTripsItsWrittenForm(string text, ClassificationKind kind, string? dome)
    {
        var parsed = SegmentClassification.Parse(text);
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(dome, parsed.DomeId);
        Assert.Equal(text, parsed.ToString());
    }

    [Fact]
    public void SegmentClassification_BadTextNamesIt()
    {
        var error = Assert.Throws<FormatException>(() => SegmentClassification.Parse("inside:"));
        Assert.Contains("'inside:'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidityInterval_IsHalfOpen()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddHours(1);
        var validity = new ValidityInterval(from, to);
        Assert.True(validity.Contains(from));
        Assert.False(validity.Contains(to));
        Assert.False(validity.Contains(from.AddTicks(-1)));
        Assert.True(ValidityInterval.Always.Contains(DateTimeOffset.MinValue));
    }

    [Fact]
    public void GeoPositionLerp_HandlesTheAntimeridian()
    {
        var west = new GeoPosition(0, 179.5, 100, 10);
        var east = new GeoPosition(0, -179.5, 200, 20);
        var middle = GeoPosition.Lerp(west, east, 0.5);
        Assert.Equal(180, Math.Abs(middle.Longitude), 9);
        Assert.Equal(150, middle.AltitudeAmsl, 9);
        Assert.Equal(15, middle.AltitudeRelative, 9);
    }

    [Theory]
    [InlineData(91, 0, false)]
    [InlineData(-35.36, 149.17, true)]
    [InlineData(149.17, -35.36, false)]
    [InlineData(double.NaN, 0, false)]
    public void GeoPoint_IsValidChecksRanges(double lat, double lon, bool valid) =>
        Assert.Equal(valid, new GeoPoint(lat, lon).IsValid);

    [Fact]
    public void BoundingBox_AroundPoints()
    {
        var box = GeoBoundingBox.Around([new GeoPoint(1, 2), new GeoPoint(-1, 5), new GeoPoint(0, 3)]);
        Assert.Equal(new GeoBoundingBox(-1, 2, 1, 5), box);
        Assert.Null(GeoBoundingBox.Around([]));
    }

    [Fact]
    public void AttitudeYawDegrees_WrapsIntoCompassRange()
    {
        Assert.Equal(270, new Attitude(0, 0, -Math.PI / 2).YawDegrees, 9);
        Assert.Equal(90, new Attitude(0, 0, Math.PI / 2).YawDegrees, 9);
    }

    [Fact]
    public void VideoSegment_EndIsStartPlusDuration()
    {
        var start = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        var segment = new VideoSegment(new StreamId("v1-cam0"), "720p", 4, start, TimeSpan.FromSeconds(2), "/spool/x.ts", 10, new string('0', 64));
        Assert.Equal(start.AddSeconds(2), segment.EndUtc);
    }
}
