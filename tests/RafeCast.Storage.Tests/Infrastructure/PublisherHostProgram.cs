using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Storage.Outbox;

namespace RafeCast.Storage.Tests.Infrastructure;

/// <summary>
/// The entry point of this test assembly when run as a program: a separate publisher process that a test can
/// kill -9 for real.
/// <code>dotnet RafeCast.Storage.Tests.dll publisher-host OUTBOX LIVE ARCHIVE [SPOOL COUNT]</code>
/// With SPOOL and COUNT it queues segments 0..COUNT-1 from SPOOL/{n}.ts, prints "queued", then publishes until
/// killed; without them it drains what the outbox holds and exits 0. The connection string comes from the
/// environment (RAFECAST_TEST_CONNECTION), never from the command line.
/// </summary>
public static class PublisherHostProgram
{
    public const string Verb = "publisher-host";
    public const string ConnectionVariable = "RAFECAST_TEST_CONNECTION";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 4 || args[0] != Verb)
        {
            await Console.Error.WriteLineAsync($"usage: {Verb} OUTBOX LIVE ARCHIVE [SPOOL COUNT]");
            return 2;
        }
        var options = new StorageOptions
        {
            ConnectionString = Environment.GetEnvironmentVariable(ConnectionVariable),
            LiveContainer = args[2],
            ArchiveContainer = args[3],
            InitialRetryBackoff = TimeSpan.FromMilliseconds(100),
            MaxRetryBackoff = TimeSpan.FromSeconds(1),
        };
        var account = BlobStorageAccount.Create(options);
        await account.EnsureProvisionedAsync(NullLogger.Instance, CancellationToken.None);
        using var outbox = DurableOutbox.Open(args[1], options.DiskQuotaBytes, TimeProvider.System, NullLogger<DurableOutbox>.Instance);
        using var uploader = new OutboxUploader(outbox, StorageAccountProvider.For(account), new CollectingPublisher(), TimeProvider.System, NullLogger<OutboxUploader>.Instance);
        if (args.Length >= 6)
        {
            var count = int.Parse(args[5], CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                outbox.EnqueueSegment(TestSegments.Tagged(Path.Combine(args[4], $"{i}.ts"), i), [TestSegments.LivePlaylist(i)], [TestSegments.EventPlaylist(i)]);
            }
            Console.WriteLine("queued");
            await uploader.DrainAsync(CancellationToken.None);
            Console.WriteLine("drained");
            // Stay alive: the test kills this process (it normally does so long before the drain ends).
            await Task.Delay(Timeout.Infinite);
        }
        await uploader.DrainAsync(CancellationToken.None);
        Console.WriteLine("drained");
        return 0;
    }
}
