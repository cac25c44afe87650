using RafeCast.Core.Flights;
using RafeCast.Core.Vehicles;
using RafeCast.Storage.Layout;
using RafeCast.Storage.Outbox;
using RafeCast.Storage.Tests.Infrastructure;
using RafeCast.Testing;

namespace RafeCast.Storage.Tests.Archive;

/// <summary>
/// Three flights published through the real outbox and uploader, once per test run:
/// <list type="bullet">
/// <item>A — vehicle 1, pilot "Ada Lovelace", 2026-11-26 10:30Z, 4 segments inside dome-harbour near 47.0000,8.0000;</item>
/// <item>B — vehicle 2, pilot "Bob", 2026-11-27 09:00Z, 4 segments outside near 46.5,7.5, the third crossing into dome-park;</item>
/// <item>C — vehicle 1, pilot "Ada Lovelace", 2026-11-28 12:00Z, 2 segments outside near 45.0,6.0, plus a GPX sidecar, a .tlog and its final event playlist.</item>
/// </list>
/// </summary>
public sealed class ArchiveScenario
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ArchiveScenario? _published;

    public static readonly FlightId A = FlightId.Armed(VehicleId.Autopilot(1), new DateTimeOffset(2026, 11, 26, 10, 30, 0, TimeSpan.Zero));
    public static readonly FlightId B = FlightId.Armed(VehicleId.Autopilot(2), new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    public static readonly FlightId C = FlightId.Armed(VehicleId.Autopilot(1), new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Flight C's event playlist as the station archives it when the flight ends.</summary>
    public static string FinalPlaylistC => TestSegments.EventPlaylist(1).Content + "#EXT-X-ENDLIST\n";

    private ArchiveScenario(BlobStorageAccount account, IReadOnlyDictionary<string, string> files, TempDirectory dir)
    {
        Account = account;
        Files = files;
        Directory = dir;
    }

    public BlobStorageAccount Account { get; }

    /// <summary>Archive blob name → the local file it was published from.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    public TempDirectory Directory { get; }

    public static string PrefixOf(FlightId flight) => BlobLayout.FlightPrefix(flight, BlobLayout.ArchiveDate(flight, DateTimeOffset.UnixEpoch));

    public static async Task<ArchiveScenario> GetAsync(AzuriteFixture azurite, TestMedia media)
    {
        await Gate.WaitAsync();
        try
        {
            return _published ??= await PublishAsync(azurite, media);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<ArchiveScenario> PublishAsync(AzuriteFixture azurite, TestMedia media)
    {
        var dir = new TempDirectory("rafecast-scenario");
        var account = await azurite.NewAccountAsync();
        await using var publisher = await RunningPublisher.StartAsync(account, dir.Combine("outbox"));
        var files = new Dictionary<string, string>();
        var sequence = 0;
        void Publish(FlightId flight, byte vehicle, string pilot, DateTimeOffset start, int index, Core.Tagging.SegmentTags tags)
        {
            var path = Path.Combine(dir.Path, "spool", flight.Value, $"{index}.ts");
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(media.Segments[sequence++ % media.Segments.Count], path, overwrite: true);
            var tagged = TestSegments.Tagged(path, index, tags, flight, start + TimeSpan.FromSeconds(index), pilot: pilot, vehicle: vehicle);
            publisher.Outbox.EnqueueSegment(tagged, [], [TestSegments.EventPlaylist(index)]);
            files[PrefixOf(flight) + $"v1-cam0/720p/{index}.ts"] = path;
        }
        var aStart = new DateTimeOffset(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++)
        {
            Publish(A, 1, "Ada Lovelace", aStart, i, TestSegments.Inside("dome-harbour", 47.0 + (i * 0.0001), 8.0));
        }
        var bStart = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++)
        {
            var tags = i == 2
                ? TestSegments.Crossing("dome-park", 46.5, 7.5 + (i * 0.0001), bStart + TimeSpan.FromSeconds(i + 0.5))
                : TestSegments.Outside(46.5, 7.5 + (i * 0.0001));
            Publish(B, 2, "Bob", bStart, i, tags);
        }
        var cStart = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 2; i++)
        {
            Publish(C, 1, "Ada Lovelace", cStart, i, TestSegments.Outside(45.0, 6.0 + (i * 0.0001)));
        }
        var gpx = dir.Combine("track.gpx");
        await File.WriteAllTextAsync(gpx, "<gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"45\" lon=\"6\"/></trkseg></trk></gpx>");
        publisher.Outbox.EnqueueFile(new FlightFileUpload(C, VehicleId.Autopilot(1), "Ada Lovelace", cStart, "track.gpx", FlightFileKind.Sidecar), gpx);
        publisher.Outbox.EnqueueFile(new FlightFileUpload(C, VehicleId.Autopilot(1), "Ada Lovelace", cStart, "telemetry.tlog", FlightFileKind.Telemetry), new byte[] { 0xFD, 1, 2, 3 });
        // The flight ended: its event playlist in final form (EXT-X-ENDLIST) replaces what the segment jobs uploaded.
        publisher.Outbox.EnqueueFile(new FlightFileUpload(C, VehicleId.Autopilot(1), "Ada Lovelace", cStart, "v1-cam0/720p/index.m3u8", FlightFileKind.Playlist),
            System.Text.Encoding.UTF8.GetBytes(FinalPlaylistC));
        await publisher.WaitDrainedAsync(TimeSpan.FromSeconds(60));
        return new ArchiveScenario(account, files, dir);
    }
}
