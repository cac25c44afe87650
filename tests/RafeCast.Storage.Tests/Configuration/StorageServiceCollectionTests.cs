using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RafeCast.Pipeline.Events;
using RafeCast.Storage.Outbox;
using RafeCast.Storage.Tests.Infrastructure;
using RafeCast.Testing;

namespace RafeCast.Storage.Tests.Configuration;

public sealed class StorageServiceCollectionTests
{
    [Fact]
    public void AddRafeCastStorage_ConfiguredOutbox_ResolvesTheRecorderAndBothBackgroundServices()
    {
        using var dir = new TempDirectory("rafecast-di");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RafeCast:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["RafeCast:Storage:OutboxDirectory"] = dir.Combine("outbox"),
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSingleton<IPublisher>(new CollectingPublisher())
            .AddRafeCastStorage(configuration).BuildServiceProvider();
        var media = dir.Combine("0.ts");
        File.WriteAllBytes(media, new byte[100]);

        var recorder = provider.GetRequiredService<SegmentTaggedRecorder>();
        recorder.Record(new SegmentTagged(TestSegments.Tagged(media, 0)));

        Assert.Equal(1, provider.GetRequiredService<DurableOutbox>().PendingCount);
        Assert.Single(Directory.GetFiles(dir.Combine("outbox", "jobs")));
        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.Equal(2, hosted.Count);
        Assert.Contains(hosted, h => h is OutboxUploader);
    }
}
