using RafeCast.Core.Geodesy;
using RafeCast.Storage.Access;
using RafeCast.Storage.Archive;
using RafeCast.Storage.Tests.Infrastructure;
using Azure.Storage.Blobs;

namespace RafeCast.Storage.Tests.Archive;

[Collection(AzuriteCollection.Name)]
public sealed class ArchiveSearchTests(AzuriteFixture azurite, TestMedia media)
{
    private async Task<IReadOnlyList<FlightMatch>> Search(ArchiveQuery query)
    {
        var scenario = await ArchiveScenario.GetAsync(azurite, media);
        // Editors search with their SAS (read + list + find), not the account key.
        var editor = new BlobContainerClient(await new SasIssuer(scenario.Account, TimeProvider.System).EditorArchiveContainerAsync(CancellationToken.None));
        return await new ArchiveSearch(editor).SearchAsync(query, CancellationToken.None);
    }

    [Fact]
    public async Task Search_ByDome_FindsTheFlightInsideIt()
    {
        var found = await Search(new ArchiveQuery { Dome = "dome-harbour" });

        var flight = Assert.Single(found);
        Assert.Equal(ArchiveScenario.A.Value, flight.Flight);
        Assert.Equal(4, flight.Segments.Count);
        Assert.Equal(["dome-harbour"], flight.Domes);
        Assert.Equal(TimeSpan.FromSeconds(4), flight.Duration);
        Assert.Equal(1, flight.Vehicle);
        Assert.Equal("Ada Lovelace", flight.Pilot);
    }

    [Fact]
    public async Task Search_Outside_FindsOnlyOutsideSegments()
    {
        var found = await Search(new ArchiveQuery { Dome = "outside" });

        Assert.Equal([ArchiveScenario.B.Value, ArchiveScenario.C.Value], found.Select(f => f.Flight));
        Assert.Equal(4, found[0].Segments.Count); // B's crossing segment started outside: its dome tag is where it started
        Assert.Equal(["outside"], found[0].Domes);
    }

    [Fact]
    public async Task Search_Crossings_FindsTheCrossingSegment()
    {
        var found = await Search(new ArchiveQuery { CrossingsOnly = true });

        var flight = Assert.Single(found);
        Assert.Equal(ArchiveScenario.B.Value, flight.Flight);
        Assert.Equal(1, flight.Crossings);
        Assert.EndsWith("/2.ts", Assert.Single(flight.Segments).BlobName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TimeRange_FindsSegmentsThatStartInsideIt()
    {
        var found = await Search(new ArchiveQuery
        {
            From = new DateTimeOffset(2026, 11, 26, 10, 30, 1, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 11, 26, 10, 30, 3, TimeSpan.Zero),
        });

        var flight = Assert.Single(found);
        Assert.Equal(ArchiveScenario.A.Value, flight.Flight);
        Assert.Equal(2, flight.Segments.Count);
    }

    [Fact]
    public async Task Search_NearAPoint_KeepsOnlyFlightsWithinTheRadius()
    {
        var near = await Search(new ArchiveQuery { Near = new GeoPoint(47.001, 8.0), RadiusMetres = 500 });
        var tooFar = await Search(new ArchiveQuery { Near = new GeoPoint(47.01, 8.0), RadiusMetres = 500 });

        Assert.Equal(ArchiveScenario.A.Value, Assert.Single(near).Flight);
        Assert.Empty(tooFar);
    }

    [Fact]
    public async Task Search_VehicleAndPilot_CombineWithAnd()
    {
        var byVehicle = await Search(new ArchiveQuery { Vehicle = 2 });
        var byPilot = await Search(new ArchiveQuery { Pilot = "Ada Lovelace" });
        var both = await Search(new ArchiveQuery { Pilot = "Ada Lovelace", Dome = "outside" });

        Assert.Equal([ArchiveScenario.B.Value], byVehicle.Select(f => f.Flight));
        Assert.Equal([ArchiveScenario.A.Value, ArchiveScenario.C.Value], byPilot.Select(f => f.Flight));
        Assert.Equal([ArchiveScenario.C.Value], both.Select(f => f.Flight));
    }

    [Fact]
    public void Parse_CompactQuery_SetsEveryFilter()
    {
        var query = ArchiveQuery.Parse("dome=dome-harbour from=2026-11-26T10:00:00Z to=2026-11-27T00:00:00Z near=47;8;250 vehicle=3 pilot=Ada+Lovelace crossings");

        Assert.Equal("dome-harbour", query.Dome);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new GeoPoint(47, 8), query.Near);
        Assert.Equal(250, query.RadiusMetres);
        Assert.Equal((byte)3, query.Vehicle);
        Assert.Equal("Ada Lovelace", query.Pilot);
        Assert.True(query.CrossingsOnly);
        Assert.Equal("\"kind\" = 'segment' AND \"dome\" = 'dome-harbour' AND \"captured\" >= '2026-11-26T10:00:00Z' AND \"captured\" < '2026-11-27T00:00:00Z' AND \"vehicle\" = '3' AND \"pilot\" = 'Ada Lovelace' AND \"crossing\" = 'yes'", query.ToTagFilter());
    }

    [Theory]
    [InlineData("colour=red")]
    [InlineData("near=47;8")]
    [InlineData("from=yesterday")]
    public void Parse_BadTerm_ThrowsNamingIt(string text)
    {
        var error = Assert.Throws<FormatException>(() => ArchiveQuery.Parse(text));

        Assert.Contains(text.Split('=')[^1], error.Message, StringComparison.Ordinal);
    }
}
