using System.Globalization;
using System.Security.Cryptography;
using RafeCast.Video.Hls;
using RafeCast.Video.Streams;
using RafeCast.Video.Tests.Support;
using Xunit.Abstractions;

namespace RafeCast.Video.Tests.Streams;

public sealed class UdpLadderTests(UdpLadderFixture fixture, ITestOutputHelper output) : IClassFixture<UdpLadderFixture>
{
    private static readonly string[] Rungs = ["r180", "r144", "r90"];

    private RecordingPublisher Publisher => fixture.Harness.Publisher;

    [Fact]
    public async Task Segments_UdpSource_HaveTheConfiguredDurationByFfprobe()
    {
        foreach (var rung in Rungs)
        {
            // The last segment of a run is cut short by the stop; every other one is one segment long.
            var segments = Publisher.SegmentsOf(rung).Select(s => s.Segment).SkipLast(1).ToList();
            Assert.True(segments.Count >= UdpLadderFixture.SegmentsPerRung - 1);
            foreach (var segment in segments)
            {
                Assert.InRange(segment.Duration.TotalSeconds, 1.95, 2.05);
                var probed = await Tool.DurationAsync(segment.Path);
                Assert.InRange(probed, 1.9, 2.1);
            }
        }
    }

    [Fact]
    public async Task Keyframes_AcrossRungs_AreAlignedAtSegmentStarts()
    {
        var bySequence = Publisher.Segments.GroupBy(s => s.Segment.Sequence).Where(g => g.Count() == Rungs.Length).ToList();
        Assert.True(bySequence.Count >= UdpLadderFixture.SegmentsPerRung - 1);
        foreach (var group in bySequence)
        {
            var firstPackets = new List<double>();
            foreach (var closed in group)
            {
                var packets = await Tool.VideoPacketsAsync(closed.Segment.Path);
                Assert.True(packets[0].Key, $"{closed.Segment.Path} does not start with a keyframe.");
                Assert.Equal(1, packets.Count(p => p.Key));
                firstPackets.Add(packets.Min(p => p.Pts));
            }
            Assert.True(firstPackets.Max() - firstPackets.Min() < 0.001, $"Segment {group.Key} starts at {string.Join(", ", firstPackets)} across rungs.");
        }
    }

    [Fact]
    public void SegmentClosed_EveryRung_CarriesSizeHashPtsAndContiguousSequences()
    {
        foreach (var rung in Rungs)
        {
            var segments = Publisher.SegmentsOf(rung).Select(s => s.Segment).ToList();
            Assert.Equal(Enumerable.Range(0, segments.Count).Select(i => (long)i), segments.Select(s => s.Sequence));
            foreach (var segment in segments)
            {
                var bytes = File.ReadAllBytes(segment.Path);
                Assert.Equal(bytes.Length, segment.SizeBytes);
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), segment.Sha256);
                Assert.Equal(Path.Combine(fixture.Harness.Directory, rung, $"{segment.Sequence:D6}.ts"), segment.Path);
                Assert.NotNull(segment.Pts);
                Assert.True(segment.Pts.Value.LastSeconds > segment.Pts.Value.FirstSeconds);
                Assert.False(segment.Discontinuity);
            }
        }
    }

    [Fact]
    public void Playlists_EveryRung_AreValidMonotonicAndListOnlyExistingSegments()
    {
        foreach (var rung in Rungs)
        {
            var dir = Path.Combine(fixture.Harness.Directory, rung);
            var archive = HlsText.Parse(File.ReadAllText(Path.Combine(dir, "event.m3u8")));
            Assert.Equal("EVENT", archive.Tags["EXT-X-PLAYLIST-TYPE"]);
            Assert.True(archive.Ended);
            Assert.Equal(Publisher.SegmentsOf(rung).Count, archive.Segments.Count);
            Assert.Equal(0, archive.MediaSequence);
            var target = int.Parse(archive.Tags["EXT-X-TARGETDURATION"], CultureInfo.InvariantCulture);
            Assert.Equal(2, target);
            for (var i = 0; i < archive.Segments.Count; i++)
            {
                var s = archive.Segments[i];
                Assert.True(File.Exists(Path.Combine(dir, s.Uri)), $"{s.Uri} is listed but missing.");
                Assert.True(Math.Round(s.Duration) <= target);
                if (i > 0)
                {
                    Assert.True(s.ProgramDateTime > archive.Segments[i - 1].ProgramDateTime, "EXT-X-PROGRAM-DATE-TIME must increase.");
                    // Consecutive segments abut: the next starts where this one ends (within a frame).
                    var expected = archive.Segments[i - 1].ProgramDateTime.AddSeconds(archive.Segments[i - 1].Duration);
                    Assert.InRange((s.ProgramDateTime - expected).TotalMilliseconds, -40, 40);
                }
            }

            var live = HlsText.Parse(File.ReadAllText(Path.Combine(dir, "live.m3u8")));
            Assert.False(live.Tags.ContainsKey("EXT-X-PLAYLIST-TYPE"));
            Assert.Equal(6, live.Segments.Count);
            Assert.Equal(archive.Segments.TakeLast(6).Select(s => s.Uri), live.Segments.Select(s => s.Uri));
            Assert.Equal(archive.Segments.Count - 6, live.MediaSequence);
        }
    }

    [Fact]
    public void MasterPlaylist_ListsEveryRungWithBandwidthResolutionAndCodecs()
    {
        var master = File.ReadAllLines(Path.Combine(fixture.Harness.Directory, "master.m3u8"));
        Assert.Equal("#EXTM3U", master[0]);
        var variants = master.Where(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, variants.Count);
        string[] expected = ["RESOLUTION=320x180", "RESOLUTION=256x144", "RESOLUTION=160x90"];
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains(expected[i], variants[i], StringComparison.Ordinal);
            Assert.Matches("BANDWIDTH=[1-9][0-9]+", variants[i]);
            Assert.Matches("CODECS=\"avc1\\.[0-9a-f]{6},mp4a\\.40\\.2\"", variants[i]);
            var uri = master[Array.IndexOf(master, variants[i]) + 1];
            Assert.Equal($"{Rungs[i]}/live.m3u8", uri);
            Assert.True(File.Exists(Path.Combine(fixture.Harness.Directory, uri)));
        }
    }

    [Fact]
    public async Task StartUtc_AgainstTheSendersBurnedInClock_IsWithinAQuarterSecond()
    {
        var errors = new List<double>();
        foreach (var closed in Publisher.SegmentsOf("r180"))
        {
            var burnedIn = await ClockSender.ReadClockAsync(closed.Segment.Path, closed.Segment.StartUtc);
            errors.Add((closed.Segment.StartUtc - burnedIn).TotalMilliseconds);
        }
        errors.Sort();
        var p50 = errors[errors.Count / 2];
        var p95 = errors[(int)Math.Ceiling(errors.Count * 0.95) - 1];
        output.WriteLine($"StartUtc - burned-in clock over {errors.Count} segments: p50 {p50:F0} ms, p95 {p95:F0} ms, all: {string.Join(", ", errors.Select(e => e.ToString("F0", CultureInfo.InvariantCulture)))}");
        Assert.All(errors, e => Assert.InRange(Math.Abs(e), 0, 250));
    }

    [Fact]
    public void Status_AfterAGracefulStop_IsStoppedWithOneRun()
    {
        var status = fixture.Harness.Stream.Status;
        Assert.Equal(VideoStreamState.Stopped, status.State);
        Assert.Equal(1, status.Runs);
        Assert.Equal(0, status.Gaps);
        Assert.Empty(Publisher.Gaps);
        Assert.NotNull(status.LastProgress);
        Assert.True(status.LastProgress.Frame > 0);
    }
}
