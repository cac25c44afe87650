using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Core.Flights;
using RafeCast.Core.Geodesy;
using RafeCast.Core.Tagging;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.Storage;
using RafeCast.Storage.Azurite;
using RafeCast.Testing;

namespace RafeCast.PipelineBench;

/// <summary>What the storage benchmarks share: an in-memory Azurite, segment files, tagged segments.</summary>
internal static class StorageBenchSupport
{
    public static readonly StreamId BenchStream = new("v1-cam0");
    public static readonly FlightId Flight = FlightId.Armed(VehicleId.Autopilot(1), new DateTimeOffset(2026, 11, 26, 10, 30, 0, TimeSpan.Zero));

    public static Task<AzuriteProcess> StartAzuriteAsync(CancellationToken cancellationToken) =>
        AzuriteProcess.StartAsync(RepositoryPaths.NodeBin("azurite-blob"), FreePort.Tcp(), null, NullLogger.Instance, cancellationToken);

    public static async Task<BlobStorageAccount> NewAccountAsync(AzuriteProcess azurite, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var account = BlobStorageAccount.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, LiveContainer = "live-" + id, ArchiveContainer = "archive-" + id });
        await account.EnsureProvisionedAsync(NullLogger.Instance, cancellationToken);
        return account;
    }

    /// <summary>Writes <paramref name="count"/> files of random bytes named {n}.ts.</summary>
    public static IReadOnlyList<string> Files(string directory, int count, int sizeBytes)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(42);
        var files = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var bytes = new byte[sizeBytes];
            random.NextBytes(bytes);
            var path = Path.Combine(directory, $"{i}.ts");
            File.WriteAllBytes(path, bytes);
            files.Add(path);
        }
        return files;
    }

    public static TaggedSegment Tagged(string path, long sequence, DateTimeOffset startUtc, TimeSpan duration)
    {
        var segment = new VideoSegment(BenchStream, "720p", sequence, startUtc, duration, path, new FileInfo(path).Length, new string('0', 64));
        var p = new GeoPosition(47.0, 8.0, 500, 50);
        var tags = new SegmentTags(SegmentClassification.InsideDome("dome-harbour"), p, p, p, GeoBoundingBox.Around([p.Point]), [p], 50, 50, 0,
            ["dome-harbour"], ["dome-harbour"], [], 20, "u0m6r", "u0m6rkd", false);
        return new TaggedSegment(segment, Flight, VehicleId.Autopilot(1), "bench", tags);
    }

    public static string LivePlaylist(long last, int window = 6)
    {
        var first = Math.Max(0, last - window + 1);
        var text = $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:{first}\n";
        for (var s = first; s <= last; s++)
        {
            text += $"#EXTINF:2.000,\n{s}.ts\n";
        }
        return text;
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (p / 100.0) * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }

    public static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?")}, {RuntimeVersion()}";

    private static string RuntimeVersion() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    public sealed class NoPublisher : IPublisher
    {
        public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification => ValueTask.CompletedTask;

        public ValueTask Publish(object notification, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
