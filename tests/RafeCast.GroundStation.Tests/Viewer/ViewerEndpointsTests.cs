using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RafeCast.Core.Domes;
using RafeCast.GroundStation.Tests.Support;
using RafeCast.GroundStation.Viewer.Internal;
using RafeCast.Pipeline.Events;
using RafeCast.Testing;
using Xunit.Abstractions;
using static RafeCast.GroundStation.Tests.Support.Samples;

namespace RafeCast.GroundStation.Tests.Viewer;

public sealed partial class ViewerEndpointsTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _files = new("rafecast-viewer");

    public void Dispose() => _files.Dispose();

    private async Task<StationTestHost> StartAsync(Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null, params string[] args)
    {
        var domes = _files.Combine("domes.geojson");
        await File.WriteAllTextAsync(domes, DomesGeoJson);
        return await StationTestHost.StartAsync(output, configure, ["--domes", domes, "--hls-dir", _files.Combine("live"), .. args]);
    }

    [Fact]
    public async Task Index_LiveStream_ListsVehiclePilotSinceAndCurrentDome()
    {
        await using var host = await StartAsync(null, "--pilot", "Ana Lima");
        await host.Publisher.Publish(new SegmentClosed(Segment(0)));
        await host.Publisher.Publish(new DomeCrossed(Crossing("dome-harbour", CrossingDirection.Enter, T0.AddSeconds(1))));

        var html = await host.Http.GetStringAsync(new Uri("/", UriKind.Relative));

        var row = RowOf(html, "v1-cam0");
        Assert.Contains("<a href=\"/watch/v1-cam0\">v1-cam0</a>", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"vehicle\">1/1</td>", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"pilot\">Ana Lima</td>", row, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-26T10:30:00Z\">10:30:00 UTC</time>", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"dome\">Harbour Biodome</td>", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_NoLiveStream_SaysSo()
    {
        await using var host = await StartAsync();

        var html = await host.Http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("No live streams right now", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-stream=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_ValidStreamId_ServesThePlayerPageWithStationServedHlsJs()
    {
        await using var host = await StartAsync();

        using var response = await host.Http.GetAsync(new Uri("/watch/v1-cam0", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"/assets/hls.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"map\"", html, StringComparison.Ordinal);
        Assert.Contains("<select id=\"rung\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/watch/v1%20cam0")]
    [InlineData("/watch/..%2Fhealthz")]
    public async Task Watch_NotAStreamId_Returns404(string path)
    {
        await using var host = await StartAsync();

        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void ViewerAssets_LoadNothingFromOutsideTheStation()
    {
        var assets = new ViewerAssets();

        foreach (var name in new[] { "index.html", "watch.html", "viewer.css", "index.js", "watch.js" })
        {
            // The only absolute URL allowed is the SVG namespace, which is a name, not something fetched.
            var external = ExternalUrl().Matches(assets.Text(name)).Select(m => m.Value).Where(u => u != "http://www.w3.org/2000/svg").ToList();
            Assert.True(external.Count == 0, $"{name} refers to {string.Join(", ", external)}");
        }
    }

    [Fact]
    public async Task HlsJs_Installed_IsServedFromTheLockedNodePackages()
    {
        await using var host = await StartAsync();
        var expected = await File.ReadAllBytesAsync(RepositoryPaths.Combine("tools", "node", "node_modules", "hls.js", "dist", "hls.min.js"));

        using var response = await host.Http.GetAsync(new Uri("/assets/hls.min.js", UriKind.Relative));
        var served = await response.Content.ReadAsByteArrayAsync();
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, new Uri("/assets/hls.min.js", UriKind.Relative));
        revalidate.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await host.Http.SendAsync(revalidate);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, served);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task HlsJs_NotInstalled_Returns503WithTheFix_AndViewerHealthIsDegraded()
    {
        using var empty = new TempDirectory();
        await using var host = await StartAsync(b => b.Services.Replace(ServiceDescriptor.Singleton(new HlsJsAsset(null, [empty.Path]))));

        using var response = await host.Http.GetAsync(new Uri("/assets/hls.min.js", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var health = await host.GetJsonAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Run tools/setup.sh", body, StringComparison.Ordinal);
        Assert.Contains("RafeCast:Station:Viewer:HlsJs", body, StringComparison.Ordinal);
        var viewer = health.RootElement.GetProperty("checks").GetProperty("viewer");
        Assert.Equal("degraded", viewer.GetProperty("status").GetString());
        Assert.Contains("hls.min.js was not found", viewer.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Domes_FromTheConfiguredFile_ServedAsRegistryGeoJson()
    {
        await using var host = await StartAsync();

        using var response = await host.Http.GetAsync(new Uri("/api/domes", UriKind.Relative));
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var features = json.RootElement.GetProperty("features");
        Assert.Equal(2, features.GetArrayLength());
        var harbour = features[0];
        Assert.Equal("dome-harbour", harbour.GetProperty("properties").GetProperty("id").GetString());
        Assert.Equal("Harbour Biodome", harbour.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("biodome", harbour.GetProperty("properties").GetProperty("kind").GetString());
        Assert.Equal(120, harbour.GetProperty("properties").GetProperty("height_m").GetDouble());
        Assert.Equal("MultiPolygon", harbour.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(-0.102, harbour.GetProperty("geometry").GetProperty("coordinates")[0][0][0][0].GetDouble());
        Assert.Equal(51.499, harbour.GetProperty("geometry").GetProperty("coordinates")[0][0][0][1].GetDouble());
        Assert.Equal("2026-01-01T00:00:00+00:00", features[1].GetProperty("properties").GetProperty("valid_from").GetString());
    }

    [Fact]
    public async Task StreamDetails_LocalHlsPresent_PointsThePlayerAtTheStation()
    {
        await using var host = await StartAsync();
        Directory.CreateDirectory(_files.Combine("live", "v1-cam0"));
        await File.WriteAllTextAsync(_files.Combine("live", "v1-cam0", "master.m3u8"), "#EXTM3U\n");

        using var json = await host.GetJsonAsync("/api/streams/v1-cam0");

        var root = json.RootElement;
        Assert.Equal("v1-cam0", root.GetProperty("id").GetString());
        Assert.Equal("1/1", root.GetProperty("vehicle").GetString());
        Assert.Equal("/hls/v1-cam0/master.m3u8", root.GetProperty("source").GetProperty("master").GetString());
        Assert.False(root.GetProperty("source").TryGetProperty("query", out _));
    }

    [Fact]
    public async Task StreamDetails_NothingToPlayYet_HasNoSource()
    {
        await using var host = await StartAsync();

        using var json = await host.GetJsonAsync("/api/streams/v2-cam0");

        Assert.False(json.RootElement.TryGetProperty("source", out _));
        Assert.Equal("2/1", json.RootElement.GetProperty("vehicle").GetString());
    }

    [Fact]
    public async Task Hls_LocalFiles_ServedWithHlsContentTypesAndCaching()
    {
        await using var host = await StartAsync();
        Directory.CreateDirectory(_files.Combine("live", "v1-cam0", "720p"));
        await File.WriteAllTextAsync(_files.Combine("live", "v1-cam0", "720p", "index.m3u8"), "#EXTM3U\n");
        await File.WriteAllBytesAsync(_files.Combine("live", "v1-cam0", "720p", "seg00001.ts"), new byte[188 * 4]);

        using var playlist = await host.Http.GetAsync(new Uri("/hls/v1-cam0/720p/index.m3u8", UriKind.Relative));
        using var segment = await host.Http.GetAsync(new Uri("/hls/v1-cam0/720p/seg00001.ts", UriKind.Relative));

        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", playlist.Headers.CacheControl?.ToString());
        Assert.Equal("video/mp2t", segment.Content.Headers.ContentType?.MediaType);
        Assert.Equal(188 * 4, (await segment.Content.ReadAsByteArrayAsync()).Length);
    }

    [Theory]
    [InlineData("/hls/v1-cam0/..%2F..%2Fdomes.geojson")]
    [InlineData("/hls/v1-cam0/.hidden.ts")]
    [InlineData("/hls/v1-cam0/notes.txt")]
    [InlineData("/hls/v1-cam0/missing.ts")]
    [InlineData("/hls/bad%20id/index.m3u8")]
    public async Task Hls_OutsideTheStreamOrNotMedia_Returns404(string path)
    {
        await using var host = await StartAsync();
        Directory.CreateDirectory(_files.Combine("live", "v1-cam0"));
        await File.WriteAllTextAsync(_files.Combine("live", "v1-cam0", "notes.txt"), "private");
        await File.WriteAllTextAsync(_files.Combine("live", "v1-cam0", ".hidden.ts"), "private");

        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string RowOf(string html, string stream)
    {
        var start = html.IndexOf($"<tr data-stream=\"{stream}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {stream} in:\n{html}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("(?:https?:)?//[a-zA-Z0-9.-]+\\.[a-z]{2,}[^\"'\\s)]*")]
    private static partial Regex ExternalUrl();
}
