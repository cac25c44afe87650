using System.Security.Cryptography;
using System.Text.Json;
using RafeCast.Storage.Layout;
using RafeCast.Storage.Tests.Infrastructure;

namespace RafeCast.Storage.Tests.Archive;

[Collection(AzuriteCollection.Name)]
public sealed class ManifestAndTagsTests(AzuriteFixture azurite, TestMedia media)
{
    [Fact]
    public async Task Manifest_PublishedFlight_IsAValidStacItem()
    {
        var scenario = await ArchiveScenario.GetAsync(azurite, media);
        var prefix = ArchiveScenario.PrefixOf(ArchiveScenario.B);

        var blob = scenario.Account.Archive.GetBlobClient(prefix + "flight.json");
        var content = (await blob.DownloadContentAsync()).Value;
        using var item = JsonDocument.Parse(content.Content.ToMemory());
        var root = item.RootElement;

        // STAC 1.1 Item required fields.
        Assert.Equal("Feature", root.GetProperty("type").GetString());
        Assert.Equal("1.1.0", root.GetProperty("stac_version").GetString());
        Assert.Equal(ArchiveScenario.B.Value, root.GetProperty("id").GetString());
        Assert.Equal("LineString", root.GetProperty("geometry").GetProperty("type").GetString());
        var bbox = root.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(4, bbox.Length);
        Assert.True(bbox[0] <= 7.5 && bbox[2] >= 7.5003 && bbox[1] <= 46.5 && bbox[3] >= 46.5, "bbox is [west, south, east, north] around the track");
        Assert.Equal(JsonValueKind.Array, root.GetProperty("links").ValueKind);
        var properties = root.GetProperty("properties");
        Assert.Equal(JsonValueKind.Null, properties.GetProperty("datetime").ValueKind);
        Assert.Equal("2026-11-27T09:00:00.000Z", properties.GetProperty("start_datetime").GetString());
        Assert.Equal("2026-11-27T09:00:04.000Z", properties.GetProperty("end_datetime").GetString());
        Assert.Equal(2, properties.GetProperty("rafecast:vehicle").GetInt32());
        Assert.Equal("Bob", properties.GetProperty("rafecast:pilot").GetString());
        Assert.Equal(["dome-park"], properties.GetProperty("rafecast:domes").EnumerateArray().Select(e => e.GetString()));
        var crossing = Assert.Single(properties.GetProperty("rafecast:crossings").EnumerateArray());
        Assert.Equal("dome-park", crossing.GetProperty("dome").GetString());
        Assert.Equal("enter", crossing.GetProperty("direction").GetString());
        Assert.Contains(root.GetProperty("stac_extensions").EnumerateArray(), e => e.GetString()!.Contains("/file/", StringComparison.Ordinal));

        // Assets: media types and SHA-256 (file:checksum multihash) of what was published.
        var assets = root.GetProperty("assets");
        foreach (var i in Enumerable.Range(0, 4))
        {
            var asset = assets.GetProperty($"v1-cam0/720p/{i}.ts");
            Assert.Equal("video/mp2t", asset.GetProperty("type").GetString());
            var local = await File.ReadAllBytesAsync(scenario.Files[prefix + $"v1-cam0/720p/{i}.ts"]);
            Assert.Equal("1220" + Convert.ToHexStringLower(SHA256.HashData(local)), asset.GetProperty("file:checksum").GetString());
            Assert.Equal(local.Length, asset.GetProperty("file:size").GetInt64());
        }
        Assert.Equal("application/vnd.apple.mpegurl", assets.GetProperty("v1-cam0/720p/index.m3u8").GetProperty("type").GetString());
        Assert.Equal("application/geo+json", content.Details.ContentType);
    }

    [Fact]
    public async Task Manifest_FlightWithSidecarAndTelemetry_ListsThem()
    {
        var scenario = await ArchiveScenario.GetAsync(azurite, media);
        var prefix = ArchiveScenario.PrefixOf(ArchiveScenario.C);

        using var item = JsonDocument.Parse((await scenario.Account.Archive.GetBlobClient(prefix + "flight.json").DownloadContentAsync()).Value.Content.ToMemory());

        var assets = item.RootElement.GetProperty("assets");
        Assert.Equal("application/gpx+xml", assets.GetProperty("track.gpx").GetProperty("type").GetString());
        Assert.Equal("1220" + Convert.ToHexStringLower(SHA256.HashData(new byte[] { 0xFD, 1, 2, 3 })), assets.GetProperty("telemetry.tlog").GetProperty("file:checksum").GetString());
        var tags = (await scenario.Account.Archive.GetBlobClient(prefix + "telemetry.tlog").GetTagsAsync()).Value.Tags;
        Assert.Equal("telemetry", tags["kind"]);
    }

    [Fact]
    public async Task Manifest_FinalPlaylistFile_ReplacesTheSegmentJobsVersion()
    {
        var scenario = await ArchiveScenario.GetAsync(azurite, media);
        var prefix = ArchiveScenario.PrefixOf(ArchiveScenario.C);
        var blob = scenario.Account.Archive.GetBlobClient(prefix + "v1-cam0/720p/index.m3u8");

        var content = (await blob.DownloadContentAsync()).Value.Content.ToString();
        var tags = (await blob.GetTagsAsync()).Value.Tags;
        using var item = JsonDocument.Parse((await scenario.Account.Archive.GetBlobClient(prefix + "flight.json").DownloadContentAsync()).Value.Content.ToMemory());

        Assert.Equal(ArchiveScenario.FinalPlaylistC, content);
        Assert.Equal("playlist", tags["kind"]);
        var asset = item.RootElement.GetProperty("assets").GetProperty("v1-cam0/720p/index.m3u8");
        Assert.Equal(["metadata", "playlist"], asset.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("1220" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ArchiveScenario.FinalPlaylistC))), asset.GetProperty("file:checksum").GetString());
    }

    [Fact]
    public async Task Tags_Segment_AreWithinTheLimitsAndCarryTheIssueKeys()
    {
        var scenario = await ArchiveScenario.GetAsync(azurite, media);
        var name = ArchiveScenario.PrefixOf(ArchiveScenario.A) + "v1-cam0/720p/1.ts";

        var tags = (await scenario.Account.Archive.GetBlobClient(name).GetTagsAsync()).Value.Tags;

        Assert.InRange(tags.Count, 1, BlobIndexTags.MaxTags);
        Assert.All(tags, t => Assert.True(t.Key.All(BlobIndexTags.IsAllowed) && t.Value.All(BlobIndexTags.IsAllowed) && t.Value.Length <= 256, $"{t.Key}={t.Value}"));
        Assert.Equal("segment", tags["kind"]);
        Assert.Equal(ArchiveScenario.A.Value, tags["flight"]);
        Assert.Equal("1", tags["vehicle"]);
        Assert.Equal("Ada Lovelace", tags["pilot"]);
        Assert.Equal("dome-harbour", tags["dome"]);
        Assert.Equal("no", tags["crossing"]);
        Assert.Equal("2026-11-26T10:30:01Z", tags["captured"]);
        Assert.Equal("u0m6r", tags["geohash5"]);
    }

    [Fact]
    public void Sanitize_PilotWithAccentsAndQuotes_KeepsOnlyAllowedCharacters()
    {
        Assert.Equal("Zo_ O_Neil", BlobIndexTags.Sanitize("Zoë O'Neil"));
    }
}
