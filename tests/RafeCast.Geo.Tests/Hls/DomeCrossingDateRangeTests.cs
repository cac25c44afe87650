using RafeCast.Core.Domes;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Vehicles;
using RafeCast.Geo.Hls;

namespace RafeCast.Geo.Tests.Hls;

public sealed class DomeCrossingDateRangeTests
{
    private static DomeCrossing Crossing(string dome, CrossingDirection direction, DateTimeOffset time) =>
        new(VehicleId.Autopilot(1), null, dome, direction, time, new GeoPosition(-35.36, 149.16, 610, 30));

    [Fact]
    public void Format_Crossing_WritesTheDateRangeLine()
    {
        var crossing = Crossing("dome-harbour", CrossingDirection.Enter, new DateTimeOffset(2026, 11, 26, 20, 30, 1, 250, TimeSpan.FromHours(10)));

        var line = DomeCrossingDateRange.Format(crossing);

        Assert.Equal(
            "#EXT-X-DATERANGE:ID=\"crossing-v1-dome-harbour-enter-20261126T103001250Z\",CLASS=\"com.rafecast.dome-crossing\"," +
            "START-DATE=\"2026-11-26T10:30:01.250Z\",DURATION=0,X-DOME-ID=\"dome-harbour\",X-DIRECTION=\"enter\"",
            line);
    }

    [Fact]
    public void Format_Line_IsAValidAttributeList()
    {
        var line = DomeCrossingDateRange.Format(Crossing("dome.a_b-1", CrossingDirection.Over, DateTimeOffset.UnixEpoch));

        // RFC 8216bis §4.2: AttributeName=AttributeValue pairs, names of A-Z, 0-9 and '-', quoted strings without quotes inside.
        var attributes = line["#EXT-X-DATERANGE:".Length..].Split(',');
        Assert.All(attributes, a => Assert.Matches("^[A-Z0-9-]+=(\"[^\"\\r\\n]*\"|[0-9.]+)$", a));
        Assert.Equal(["ID", "CLASS", "START-DATE", "DURATION", "X-DOME-ID", "X-DIRECTION"], attributes.Select(a => a[..a.IndexOf('=', StringComparison.Ordinal)]));
        Assert.Contains("X-DIRECTION=\"over\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_SeveralCrossings_AreInTimeOrderWithUniqueIds()
    {
        var t = new DateTimeOffset(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);

        var lines = DomeCrossingDateRange.Format([Crossing("a", CrossingDirection.Exit, t.AddSeconds(5)), Crossing("a", CrossingDirection.Enter, t)]);

        Assert.Contains("enter", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Select(l => l.Split(',')[0]).Distinct().Count());
    }

    [Fact]
    public void Format_IdThatCannotBeQuoted_Throws()
    {
        Assert.Throws<ArgumentException>(() => DomeCrossingDateRange.Format(Crossing("bad\"id", CrossingDirection.Enter, DateTimeOffset.UnixEpoch)));
    }
}
