using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RafeCast.Core.Video;
using RafeCast.GroundStation.Composition;
using RafeCast.GroundStation.Observability;
using RafeCast.Pipeline.Events;

namespace RafeCast.GroundStation.Tests;

public sealed class PipelineWiringTests
{
    [Fact]
    public async Task AddRafeCastPipeline_PublishedEventReachesItsHandlers()
    {
        var services = new ServiceCollection().AddLogging().AddRafeCastPipeline();
        await using var provider = services.BuildServiceProvider();
        var publisher = provider.GetRequiredService<IPublisher>();
        var segment = new VideoSegment(new StreamId("v1-cam0"), "720p", 0, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(2), "/spool/0.ts", 1, new string('a', 64));

        await publisher.Publish(new SegmentClosed(segment));
        await publisher.Publish(new SegmentClosed(segment with { Sequence = 1 }));

        var activity = provider.GetRequiredService<PipelineActivity>();
        Assert.Equal(2, activity.Count(nameof(SegmentClosed)));
        Assert.Equal(0, activity.Count(nameof(SegmentTagged)));
    }
}
