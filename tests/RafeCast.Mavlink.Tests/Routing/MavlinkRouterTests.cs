using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Routing;
using RafeCast.Testing;

namespace RafeCast.Mavlink.Tests.Routing;

public sealed class MavlinkRouterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private sealed class Counter : IMavlinkFrameHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc) => Interlocked.Increment(ref _count);
    }

    private sealed record Leg(MavlinkLink Router, MavlinkLink Far, Counter AtFar);

    private static async Task<Leg> LegAsync(MavlinkRouter router)
    {
        var (near, far) = InMemoryTransport.CreatePair();
        var routerSide = new MavlinkLink(near);
        var farSide = new MavlinkLink(far, new MavlinkLinkOptions { SystemId = 9, ComponentId = 9 });
        var counter = new Counter();
        farSide.AddHandler(counter);
        router.Add(routerSide);
        await routerSide.StartAsync(CancellationToken.None);
        await farSide.StartAsync(CancellationToken.None);
        return new Leg(routerSide, farSide, counter);
    }

    [Fact]
    public async Task Frame_FromOneLink_GoesToEveryOtherLinkButNotBack()
    {
        await using var router = new MavlinkRouter(255, 190);
        var a = await LegAsync(router);
        var b = await LegAsync(router);
        var c = await LegAsync(router);

        foreach (var frame in TestFrames.Split(TestFrames.Stream(10)))
        {
            await a.Far.SendFrameAsync(frame, CancellationToken.None);
        }

        await Eventually.Until(() => b.AtFar.Count == 10 && c.AtFar.Count == 10, Wait, "frames at the other links");
        Assert.Equal(0, a.AtFar.Count);
        Assert.Equal(20, router.Forwarded);
    }

    [Fact]
    public async Task SameFrameViaTwoLinks_IsForwardedOnce()
    {
        await using var router = new MavlinkRouter(255, 190);
        var a = await LegAsync(router);
        var b = await LegAsync(router);
        var c = await LegAsync(router);
        var frame = TestFrames.Split(TestFrames.Stream(1))[0];

        // A redundant second radio delivers the very same frame again.
        await a.Far.SendFrameAsync(frame, CancellationToken.None);
        await Eventually.Until(() => c.AtFar.Count == 1, Wait, "the first copy forwarded");
        await b.Far.SendFrameAsync(frame, CancellationToken.None);
        await Eventually.Until(() => router.Duplicates == 1, Wait, "the duplicate noticed");

        Assert.Equal(1, c.AtFar.Count);
        Assert.Equal(1, b.AtFar.Count);
        Assert.Equal(0, a.AtFar.Count);
    }

    [Fact]
    public async Task OurOwnFrames_ComingBack_AreNotForwarded()
    {
        await using var router = new MavlinkRouter(255, 190);
        var a = await LegAsync(router);
        var b = await LegAsync(router);
        var ours = new MavlinkFrameWriter(255, 190).ToFrame(TestFrames.Heartbeat());
        var theirs = new MavlinkFrameWriter(1, 1).ToFrame(TestFrames.Heartbeat());

        await a.Far.SendFrameAsync(ours, CancellationToken.None);
        await a.Far.SendFrameAsync(theirs, CancellationToken.None);
        await Eventually.Until(() => b.AtFar.Count == 1, Wait, "the vehicle's frame forwarded");

        Assert.Equal(1, router.Forwarded);
    }
}
