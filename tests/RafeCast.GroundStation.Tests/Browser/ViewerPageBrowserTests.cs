using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RafeCast.Core.Domes;
using RafeCast.Core.Video;
using RafeCast.GroundStation.Tests.Support;
using RafeCast.GroundStation.Viewer;
using RafeCast.Pipeline.Events;
using RafeCast.Testing;
using RafeCast.Testing.Browser;
using Xunit.Abstractions;
using static RafeCast.GroundStation.Tests.Support.Samples;

namespace RafeCast.GroundStation.Tests.Browser;

/// <summary>
/// The viewer page in Debian's headless Chromium against the real station: live HLS from ffmpeg plays,
/// the map shows the drone where the pipeline says it is, crossings reach the timeline.
/// </summary>
public sealed class ViewerPageBrowserTests(LiveHlsFixture hls, ITestOutputHelper output) : IClassFixture<LiveHlsFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WatchPage_StationServesLocalHls_VideoPlaysMapShowsTheDroneAndCrossingsReachTheTimeline()
    {
        using var files = new TempDirectory();
        var domes = files.Combine("domes.geojson");
        await File.WriteAllTextAsync(domes, DomesGeoJson);
        await using var station = await StationTestHost.StartAsync(output, null, "--domes", domes, "--hls-dir", hls.Root, "--pilot", "Ana");
        await station.Publisher.Publish(new SegmentClosed(Segment(0, stream: new StreamId(LiveHlsFixture.StreamId), start: DateTimeOffset.UtcNow)));
        await station.Publisher.Publish(new TelemetryReceived(Telemetry(DateTimeOffset.UtcNow, 51.4995, -0.1010)));
        await using var browser = await HeadlessChromium.LaunchAsync(output.WriteLine);

        await RunAsync(browser, async () =>
        {
            var status = await browser.GotoAsync(new Uri(station.BaseAddress, $"/watch/{LiveHlsFixture.StreamId}"));
            Assert.Equal(200, status);
            await browser.WaitForAsync("window.rafecastViewer && window.rafecastViewer.events > 0", Timeout);

            // Pushed after the page connected: it must arrive through Server-Sent Events.
            var pushedAt = DateTimeOffset.UtcNow;
            await station.Publisher.Publish(new TelemetryReceived(Telemetry(pushedAt, 51.50042, -0.09987, heading: 135)));
            await browser.WaitForAsync("document.querySelector('#vehicle-1-1')?.dataset.lat === '51.50042' && document.querySelector('#vehicle-1-1')?.dataset.lon === '-0.09987'", Timeout);
            var drawn = await browser.EvaluateAsync<double[]>("""
                (() => {
                  const map = document.getElementById('map').getBoundingClientRect();
                  const drone = document.querySelector('#vehicle-1-1 circle').getBoundingClientRect();
                  return [drone.left - map.left, drone.top - map.top, map.width, map.height, drone.width];
                })()
                """);
            Assert.NotNull(drawn);
            Assert.InRange(drawn[0], 0, drawn[2]);
            Assert.InRange(drawn[1], 0, drawn[3]);
            Assert.True(drawn[4] > 0, "the drone's marker has no size");
            Assert.Equal(2, await browser.EvaluateAsync<int>("document.querySelectorAll('#layer-domes path.dome').length"));
            Assert.Equal(2, await browser.EvaluateAsync<int>("document.querySelector('#layer-tracks polyline').getAttribute('points').split(' ').length"));

            await AssertVideoAdvancesAsync(browser);

            var rungs = await browser.EvaluateAsync<string[]>("[...document.querySelectorAll('#rung option')].map(o => o.textContent)");
            Assert.NotNull(rungs);
            Assert.StartsWith("Auto", rungs[0], StringComparison.Ordinal);
            Assert.Equal(["180p", "90p"], rungs[1..]);
            var low = await browser.EvaluateAsync<int>("""
                (() => {
                  const select = document.getElementById('rung');
                  select.value = [...select.options].find(o => o.textContent === '90p').value;
                  select.dispatchEvent(new Event('change'));
                  return Number(select.value);
                })()
                """);
            await browser.WaitForAsync($"window.rafecastViewer.hls.currentLevel === {low} && window.rafecastViewer.hls.levels[{low}].height === 90 && !window.rafecastViewer.hls.autoLevelEnabled", Timeout);

            await station.Publisher.Publish(new DomeCrossed(Crossing("dome-harbour", CrossingDirection.Enter, pushedAt.AddSeconds(1), lat: 51.4995, lon: -0.1)));
            await browser.WaitForAsync("document.querySelector('#crossings li[data-dome=\"dome-harbour\"][data-direction=\"enter\"]') !== null", Timeout);
            Assert.Equal("entered Harbour Biodome", await browser.EvaluateAsync<string>("document.querySelector('#crossings li .dir').textContent + document.querySelector('#crossings li b').textContent"));
            Assert.Equal("Harbour Biodome", await browser.EvaluateAsync<string>("document.getElementById('fact-dome').textContent"));
            Assert.Equal("Ana", await browser.EvaluateAsync<string>("document.getElementById('fact-pilot').textContent"));

            // On a phone the page is one column: nothing wider than the screen, the map under the video.
            await browser.SetViewportAsync(390, 844);
            var phone = await browser.EvaluateAsync<double[]>("""
                [document.documentElement.scrollWidth, window.innerWidth,
                 document.getElementById('video').getBoundingClientRect().bottom, document.getElementById('map').getBoundingClientRect().top,
                 document.getElementById('map').getBoundingClientRect().width]
                """);
            Assert.NotNull(phone);
            Assert.True(phone[0] <= phone[1], $"the page is {phone[0]} px wide on a {phone[1]} px screen");
            Assert.True(phone[3] >= phone[2], "the map should sit under the video on a phone");
            Assert.True(phone[4] > 300, $"the map is only {phone[4]} px wide on a phone");
        });
    }

    [Fact]
    public async Task WatchPage_StorageGivesASasUrlOnAnotherOrigin_EveryRequestCarriesTheTokenAndPlaylistCuesReachTheTimeline()
    {
        await using var blobs = await SasProtectedHlsServer.StartAsync(hls.Root);
        var provider = new FixedSasUrlProvider(new Uri(blobs.BaseAddress, $"/live/{LiveHlsFixture.StreamId}/master.m3u8"));
        await using var station = await StationTestHost.StartAsync(output, b => b.Services.Replace(ServiceDescriptor.Singleton<ILiveStreamUrlProvider>(provider)));
        await using var browser = await HeadlessChromium.LaunchAsync(output.WriteLine);

        await RunAsync(browser, async () =>
        {
            await browser.GotoAsync(new Uri(station.BaseAddress, $"/watch/{LiveHlsFixture.StreamId}"));

            await AssertVideoAdvancesAsync(browser);
            var (dome, direction) = SasProtectedHlsServer.Cue;
            await browser.WaitForAsync($"document.querySelector('#crossings li[data-dome=\"{dome}\"][data-direction=\"{direction}\"] .source')?.textContent === 'playlist'", Timeout);

            Assert.Equal(0, blobs.Rejected);
            Assert.Contains(blobs.Requests, r => r.Contains(".ts?", StringComparison.Ordinal));
            Assert.All(blobs.Requests, r => Assert.Contains("sig=abc%2Fdef%3D", r, StringComparison.Ordinal));
        });
    }

    private static async Task AssertVideoAdvancesAsync(HeadlessChromium browser)
    {
        await browser.WaitForAsync("document.getElementById('video').currentTime > 0", Timeout);
        var first = await browser.EvaluateAsync<double>("document.getElementById('video').currentTime");
        await browser.WaitForAsync($"document.getElementById('video').currentTime > {(first + 1.5).ToString(CultureInfo.InvariantCulture)}", Timeout);
    }

    /// <summary>Runs the browser steps; on failure saves a screenshot and says where.</summary>
    private async Task RunAsync(HeadlessChromium browser, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            var shot = Path.Combine(Path.GetTempPath(), $"rafecast-viewer-{Guid.NewGuid():N}.png");
            try
            {
                await browser.ScreenshotAsync(shot);
                output.WriteLine($"screenshot of the failing page: {shot}");
            }
            catch (Exception ex) when (ex is BrowserCommandException or TimeoutException or Testing.Processes.ExternalProcessException)
            {
                output.WriteLine($"no screenshot: {ex.Message}");
            }
            throw;
        }
    }

    private sealed class FixedSasUrlProvider(Uri master) : ILiveStreamUrlProvider
    {
        public ValueTask<LiveStreamSource?> GetSourceAsync(StreamId stream, CancellationToken cancellationToken) =>
            ValueTask.FromResult<LiveStreamSource?>(new LiveStreamSource(master, SasProtectedHlsServer.Query, DateTimeOffset.UtcNow.AddHours(1)));
    }
}
