using System.Security.Cryptography;
using Mediator;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Tagging;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.Storage;
using RafeCast.Storage.Outbox;
using RafeCast.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>Publishes small flights through the real outbox and uploader, for the archive verbs to find.</summary>
internal static class ArchiveTestArchive
{
    public static readonly FlightId Harbour = FlightId.Armed(VehicleId.Autopilot(1), new DateTimeOffset(2026, 11, 26, 10, 30, 0, TimeSpan.Zero));
    public static readonly FlightId Park = FlightId.Armed(VehicleId.Autopilot(2), new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Harbour: 3 segments inside dome-harbour near 47,8 (vehicle 1, Ada). Park: 2 segments outside near 46.5,7.5 (vehicle 2, Bob).</summary>
    public static async Task PublishAsync(StorageAccountProvider accounts, string workDirectory)
    {
        var outbox = DurableOutbox.Open(Path.Combine(workDirectory, "outbox"), 1L << 30, TimeProvider.System, NullLogger<DurableOutbox>.Instance);
        using (outbox)
        {
            for (var i = 0; i < 3; i++)
            {
                outbox.EnqueueSegment(Segment(workDirectory, Harbour, 1, "Ada Lovelace", i, SegmentClassification.InsideDome("dome-harbour"), ["dome-harbour"], 47.0, 8.0), [], [Playlist(i)]);
            }
            for (var i = 0; i < 2; i++)
            {
                outbox.EnqueueSegment(Segment(workDirectory, Park, 2, "Bob", i, SegmentClassification.Outside, [], 46.5, 7.5), [], [Playlist(i)]);
            }
            using var uploader = new OutboxUploader(outbox, accounts, new NoPublisher(), TimeProvider.System, NullLogger<OutboxUploader>.Instance);
            await uploader.DrainAsync(CancellationToken.None);
        }
    }

    private static TaggedSegment Segment(string dir, FlightId flight, byte vehicle, string pilot, int sequence, SegmentClassification classification, string[] domes, double lat, double lon)
    {
        var path = Path.Combine(dir, "spool", flight.Value, $"{sequence}.ts");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[200_000 + sequence];
        new Random(sequence + vehicle).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        var start = (flight == Harbour ? new DateTimeOffset(2026, 11, 26, 10, 30, 0, TimeSpan.Zero) : new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)) + TimeSpan.FromSeconds(2 * sequence);
        var segment = new VideoSegment(new StreamId("v1-cam0"), "720p", sequence, start, TimeSpan.FromSeconds(2), path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var a = new GeoPosition(lat + (sequence * 0.0001), lon, 500, 50);
        var tags = new SegmentTags(classification, a, a, a, GeoBoundingBox.Around([a.Point]), [a], 50, 50, 0, domes, domes, [], 10, "u0m6r", "u0m6rkd", false);
        return new TaggedSegment(segment, flight, VehicleId.Autopilot(vehicle), pilot, tags);
    }

    private static PlaylistText Playlist(int last)
    {
        var text = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-MEDIA-SEQUENCE:0\n";
        for (var s = 0; s <= last; s++)
        {
            text += $"#EXTINF:2.000,\n{s}.ts\n";
        }
        return new PlaylistText("720p/index.m3u8", text);
    }

    private sealed class NoPublisher : IPublisher
    {
        public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification => ValueTask.CompletedTask;

        public ValueTask Publish(object notification, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
