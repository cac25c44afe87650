using RafeCast.Geo.Domes;
using static RafeCast.Geo.Tests.Domes.RegistryJson;

namespace RafeCast.Geo.Tests.Domes;

public sealed class DomeRegistryReaderTests
{
    private static DomeRegistryProblem SingleProblem(string json)
    {
        var result = DomeRegistryReader.Read(json, "test.geojson");
        Assert.False(result.IsValid);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Read_ValidCollection_ReturnsEveryDomeWithItsProperties()
    {
        var json = Collection(
            Feature("""{"id":"dome-a","name":"Dome A","kind":"biodome","height_m":45.5,"valid_from":"2026-01-01T00:00:00Z","valid_to":"2026-06-01T10:00:00+10:00"}""",
                Polygon(Square(149.16, -35.36), Ring((149.1605, -35.3595), (149.1605, -35.3590), (149.1610, -35.3590), (149.1605, -35.3595)))),
            Feature("""{"id":"dome-b"}""", """{"type":"MultiPolygon","coordinates":[[""" + Square(149.17, -35.36) + "],[" + Square(149.18, -35.36) + "]]}"));

        var result = DomeRegistryReader.Read(json, "test.geojson");

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(2, result.Domes.Count);
        var a = result.Domes[0];
        Assert.Equal(("dome-a", "Dome A", "biodome", 45.5), (a.Id, a.Name, a.Kind, a.HeightMetres!.Value));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), a.Validity.From);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), a.Validity.To);
        Assert.Single(a.Boundary[0].Holes);
        Assert.Equal(149.16, a.Boundary[0].Outer[0].Longitude);
        Assert.Equal(-35.36, a.Boundary[0].Outer[0].Latitude);
        var b = result.Domes[1];
        Assert.Equal(("dome-b", "dome-b", DomeRegistryReader.DefaultKind), (b.Id, b.Name, b.Kind));
        Assert.Null(b.HeightMetres);
        Assert.Equal(2, b.Boundary.Count);
    }

    [Fact]
    public void Read_NotJson_SaysSoWithLineAndByte()
    {
        var problem = SingleProblem("{\"type\": \"FeatureCollection\",\n  \"features\": [ oops ]}");

        Assert.Equal(DomeRegistryProblemKind.NotJson, problem.Kind);
        Assert.StartsWith("not JSON", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 2, byte", problem.Where, StringComparison.Ordinal);
        Assert.Null(problem.FeatureIndex);
    }

    [Theory]
    [InlineData("[1, 2, 3]", "the top level is an array")]
    [InlineData("""{"features":[]}""", "no \"type\"")]
    [InlineData("""{"type":"Feature","properties":{"id":"x"},"geometry":null}""", "top-level type is 'Feature'")]
    [InlineData("""{"type":"FeatureCollection"}""", "no \"features\" array")]
    public void Read_JsonThatIsNotAFeatureCollection_IsNotGeoJson(string json, string expected)
    {
        var problem = SingleProblem(json);

        Assert.Equal(DomeRegistryProblemKind.NotGeoJson, problem.Kind);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EntryThatIsNotAFeature_NamesItsIndex()
    {
        var problem = SingleProblem(Collection(Dome("dome-a"), """{"type":"Polygon","coordinates":[]}"""));

        Assert.Equal(DomeRegistryProblemKind.NotAFeature, problem.Kind);
        Assert.Equal(1, problem.FeatureIndex);
        Assert.Equal("features[1]", problem.Where);
    }

    [Fact]
    public void Read_MissingId_NamesTheFeature()
    {
        var problem = SingleProblem(Collection(Dome("dome-a"), Feature("""{"name":"Nameless"}""", Polygon(Square(149.17, -35.36)))));

        Assert.Equal(DomeRegistryProblemKind.MissingId, problem.Kind);
        Assert.Equal(1, problem.FeatureIndex);
        Assert.Contains("no \"id\"", problem.Message, StringComparison.Ordinal);
        Assert.Equal("features[1].properties", problem.Where);
    }

    [Fact]
    public void Read_FeatureLevelId_IsAcceptedWhenPropertiesHaveNone()
    {
        var json = Collection("""{"type":"Feature","id":"dome-top","properties":{},"geometry":""" + Polygon(Square(149.17, -35.36)) + "}");

        var result = DomeRegistryReader.Read(json, "test");

        Assert.True(result.IsValid);
        Assert.Equal("dome-top", Assert.Single(result.Domes).Id);
    }

    [Fact]
    public void Read_DuplicateId_NamesBothFeatures()
    {
        var problem = SingleProblem(Collection(Dome("dome-a"), Dome("dome-b", 149.17), Dome("dome-a", 149.18)));

        Assert.Equal(DomeRegistryProblemKind.DuplicateId, problem.Kind);
        Assert.Equal(2, problem.FeatureIndex);
        Assert.Equal("dome-a", problem.FeatureId);
        Assert.Contains("already used by feature 0", problem.Message, StringComparison.Ordinal);
        Assert.Equal("features[2].properties.id", problem.Where);
    }

    [Theory]
    [InlineData("\"dome a\"")]
    [InlineData("\"dome\\\"quote\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    public void Read_UnusableId_IsInvalidId(string id)
    {
        var problem = SingleProblem(Collection(Feature($$"""{"id":{{id}}}""", Polygon(Square(149.17, -35.36)))));

        Assert.Equal(DomeRegistryProblemKind.InvalidId, problem.Kind);
    }

    [Fact]
    public void Read_UnclosedRing_SaysWhichRingAndShowsBothEnds()
    {
        var ring = Ring((149.16, -35.36), (149.162, -35.36), (149.162, -35.358), (149.16, -35.358), (149.16, -35.3581));
        var problem = SingleProblem(Collection(Feature("""{"id":"dome-open"}""", Polygon(ring))));

        Assert.Equal(DomeRegistryProblemKind.UnclosedRing, problem.Kind);
        Assert.Equal("dome-open", problem.FeatureId);
        Assert.Contains("outer ring is not closed", problem.Message, StringComparison.Ordinal);
        Assert.Contains("[149.16, -35.36]", problem.Message, StringComparison.Ordinal);
        Assert.Contains("[149.16, -35.3581]", problem.Message, StringComparison.Ordinal);
        Assert.Equal("features[0].geometry.coordinates[0][4]", problem.Where);
    }

    [Fact]
    public void Read_UnclosedHoleOfAMultiPolygon_PointsIntoThePolygonAndRing()
    {
        var hole = Ring((149.1605, -35.3595), (149.1605, -35.3590), (149.1610, -35.3590), (149.1606, -35.3595));
        var json = Collection(Feature("""{"id":"dome-multi"}""",
            """{"type":"MultiPolygon","coordinates":[[""" + Square(149.17, -35.36) + "],[" + Square(149.16, -35.36) + "," + hole + "]]}"));

        var problem = SingleProblem(json);

        Assert.Equal(DomeRegistryProblemKind.UnclosedRing, problem.Kind);
        Assert.Contains("hole 1 is not closed", problem.Message, StringComparison.Ordinal);
        Assert.Equal("features[0].geometry.coordinates[1][1][3]", problem.Where);
    }

    [Fact]
    public void Read_SelfIntersectingRing_SaysWhere()
    {
        // A bow tie: the second and fourth edges cross at (149.161, -35.359).
        var bowTie = Ring((149.16, -35.36), (149.162, -35.36), (149.16, -35.358), (149.162, -35.358), (149.16, -35.36));
        var problem = SingleProblem(Collection(Feature("""{"id":"dome-bowtie"}""", Polygon(bowTie))));

        Assert.Equal(DomeRegistryProblemKind.SelfIntersection, problem.Kind);
        Assert.Contains("intersects itself near [149.161, -35.359]", problem.Message, StringComparison.Ordinal);
        Assert.Equal("features[0].geometry.coordinates", problem.Where);
    }

    [Fact]
    public void Read_HoleOutsideItsShell_IsInvalidPolygon()
    {
        var problem = SingleProblem(Collection(Feature("""{"id":"dome-hole"}""", Polygon(Square(149.16, -35.36), Square(149.17, -35.36, 0.0005)))));

        Assert.Equal(DomeRegistryProblemKind.InvalidPolygon, problem.Kind);
        Assert.Contains("hole lies outside shell", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OverlappingPolygonsOfAMultiPolygon_AreInvalid()
    {
        var json = Collection(Feature("""{"id":"dome-overlap"}""",
            """{"type":"MultiPolygon","coordinates":[[""" + Square(149.16, -35.36) + "],[" + Square(149.161, -35.359) + "]]}"));

        var problem = SingleProblem(json);

        Assert.Contains(problem.Kind, new[] { DomeRegistryProblemKind.SelfIntersection, DomeRegistryProblemKind.InvalidPolygon });
        Assert.Equal("features[0].geometry", problem.Where);
    }

    [Fact]
    public void Read_CoordinatesOutOfRange_NamesTheValue()
    {
        var ring = Ring((149.16, -35.36), (200.5, -35.36), (149.162, -35.358), (149.16, -35.36));
        var problem = SingleProblem(Collection(Feature("""{"id":"dome-far"}""", Polygon(ring))));

        Assert.Equal(DomeRegistryProblemKind.CoordinateOutOfRange, problem.Kind);
        Assert.Contains("longitude 200.5 outside [-180, 180]", problem.Message, StringComparison.Ordinal);
        Assert.Equal("features[0].geometry.coordinates[0][1]", problem.Where);
    }

    [Fact]
    public void Read_LatitudeBeyondNinety_IsOutOfRangeWhenSwappingDoesNotHelp()
    {
        var ring = Ring((149.16, -35.36), (149.162, -95.0), (149.162, -35.358), (149.16, -35.36));
        var problem = SingleProblem(Collection(Feature("""{"id":"dome-south"}""", Polygon(ring))));

        Assert.Equal(DomeRegistryProblemKind.CoordinateOutOfRange, problem.Kind);
        Assert.Contains("latitude -95 outside [-90, 90]", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LatitudeLongitudeSwapped_SaysGeoJsonWantsLongitudeFirst()
    {
        // Canberra written [lat, lon]: 149.16 cannot be a latitude.
        var swapped = Ring((-35.36, 149.16), (-35.36, 149.162), (-35.358, 149.162), (-35.358, 149.16), (-35.36, 149.16));
        var problem = SingleProblem(Collection(Feature("""{"id":"dome-swapped"}""", Polygon(swapped))));

        Assert.Equal(DomeRegistryProblemKind.LatitudeLongitudeSwapped, problem.Kind);
        Assert.Contains("looks like [latitude, longitude]", problem.Message, StringComparison.Ordinal);
        Assert.Contains("4 more positions", problem.Message, StringComparison.Ordinal);
        Assert.Equal("features[0].geometry.coordinates[0][0]", problem.Where);
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[149.16,-35.36]}""", "geometry type 'Point' is not supported")]
    [InlineData("""{"type":"LineString","coordinates":[[149.16,-35.36],[149.17,-35.36]]}""", "geometry type 'LineString' is not supported")]
    [InlineData("""{"type":"GeometryCollection","geometries":[]}""", "geometry type 'GeometryCollection' is not supported")]
    [InlineData("null", "has no geometry")]
    public void Read_UnsupportedGeometry_NamesTheType(string geometry, string expected)
    {
        var problem = SingleProblem(Collection(Feature("""{"id":"dome-x"}""", geometry)));

        Assert.Equal(DomeRegistryProblemKind.UnsupportedGeometry, problem.Kind);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PositionThatIsNotANumberPair_IsInvalidPosition()
    {
        var json = Collection(Feature("""{"id":"dome-x"}""", """{"type":"Polygon","coordinates":[[[149.16,-35.36],["149.17",-35.36],[149.17,-35.35],[149.16,-35.36]]]}"""));

        var problem = SingleProblem(json);

        Assert.Equal(DomeRegistryProblemKind.InvalidPosition, problem.Kind);
        Assert.Equal("features[0].geometry.coordinates[0][1]", problem.Where);
    }

    [Fact]
    public void Read_RingOfThreePositions_IsTooFew()
    {
        var problem = SingleProblem(Collection(Feature("""{"id":"dome-x"}""", Polygon(Ring((149.16, -35.36), (149.17, -35.36), (149.16, -35.36))))));

        Assert.Equal(DomeRegistryProblemKind.TooFewPositions, problem.Kind);
        Assert.Contains("3 position(s)", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"d","height_m":"40"}""", "height_m is the string")]
    [InlineData("""{"id":"d","height_m":-5}""", "positive number of metres")]
    [InlineData("""{"id":"d","valid_from":"2026-01-01T00:00:00"}""", "has no UTC offset")]
    [InlineData("""{"id":"d","valid_to":"next tuesday"}""", "is not an ISO-8601 date-time")]
    [InlineData("""{"id":"d","valid_from":"2026-06-01T00:00:00Z","valid_to":"2026-01-01T00:00:00Z"}""", "is not before valid_to")]
    [InlineData("""{"id":"d","name":42}""", "name is the number 42")]
    public void Read_BadProperty_IsInvalidPropertyNamingIt(string properties, string expected)
    {
        var problem = SingleProblem(Collection(Feature(properties, Polygon(Square(149.16, -35.36)))));

        Assert.Equal(DomeRegistryProblemKind.InvalidProperty, problem.Kind);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal("d", problem.FeatureId);
    }

    [Fact]
    public void Read_PolygonAcrossTheAntimeridian_IsRejected()
    {
        var ring = Ring((179.9, -16.0), (-179.9, -16.0), (-179.9, -15.9), (179.9, -15.9), (179.9, -16.0));
        var problem = SingleProblem(Collection(Feature("""{"id":"dome-fiji"}""", Polygon(ring))));

        Assert.Equal(DomeRegistryProblemKind.CrossesAntimeridian, problem.Kind);
    }

    [Fact]
    public void Read_SeveralBadFeatures_ReportsEveryProblemAndKeepsTheGoodDomes()
    {
        var json = Collection(
            Dome("dome-good"),
            Feature("""{"name":"no id"}""", Polygon(Square(149.17, -35.36))),
            Feature("""{"id":"dome-point"}""", """{"type":"Point","coordinates":[149.16,-35.36]}"""),
            Dome("dome-good", 149.18));

        var result = DomeRegistryReader.Read(json, "test.geojson");

        Assert.Equal([1, 2, 3], result.Problems.Select(p => p.FeatureIndex!.Value));
        Assert.Equal("dome-good", Assert.Single(result.Domes).Id);
        var error = Assert.Throws<DomeRegistryException>(() => result.ToRegistry());
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains("test.geojson has 3 problems", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemToString_NamesFeatureIdWhatAndWhere()
    {
        var problem = new DomeRegistryProblem(DomeRegistryProblemKind.UnclosedRing, 3, "dome-x", "outer ring is not closed", "features[3].geometry.coordinates[0][4]");

        Assert.Equal("feature 3 (id 'dome-x'): outer ring is not closed at features[3].geometry.coordinates[0][4]", problem.ToString());
    }

    [Fact]
    public void ReadFile_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => DomeRegistryReader.ReadFile("/nonexistent/domes.geojson"));
    }

    [Fact]
    public void Create_DomesMadeInCode_AreValidatedLikeTheFile()
    {
        var world = TestWorld.Canberra;
        var good = world.Square("dome-a", 0, 0, 100);
        var open = good with { Id = "dome-b", Boundary = [new(good.Boundary[0].Outer.Take(4).ToArray(), [])] };

        var error = Assert.Throws<DomeRegistryException>(() => DomeRegistry.Create([good, open, good]));

        Assert.Equal([DomeRegistryProblemKind.UnclosedRing, DomeRegistryProblemKind.DuplicateId], error.Problems.Select(p => p.Kind));
        Assert.Equal("domes[1].Boundary[0].Outer[3]", error.Problems[0].Where);
    }
}
