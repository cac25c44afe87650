using System.Text;
using RafeCast.GroundStation.Json;
using RafeCast.GroundStation.Live;

namespace RafeCast.GroundStation.Tests.Live;

public sealed class LiveFeedTests
{
    private static GapView Update(int n) => new("v1-cam0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "restarted", n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Publish_SubscriberNeverReads_PublisherNeverWaitsAndDropsTheOldestCounted()
    {
        var feed = new LiveFeed();
        using var subscription = feed.Subscribe(capacity: 8);

        for (var i = 0; i < 1_000; i++)
        {
            feed.Publish("gap", null, Update(i), StationJsonContext.Default.GapView);
        }

        Assert.Equal(992, subscription.Dropped);
        Assert.Equal(992, feed.Dropped);
        var kept = new List<string>();
        while (subscription.Reader.TryRead(out var update))
        {
            kept.Add(Encoding.UTF8.GetString(update.Json.Span));
        }
        Assert.Equal(8, kept.Count);
        Assert.Contains("\"detail\":\"999\"", kept[^1], StringComparison.Ordinal);
        Assert.Contains("\"detail\":\"992\"", kept[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_TwoSubscribers_EachGetsEveryUpdateInOrder()
    {
        var feed = new LiveFeed();
        using var first = feed.Subscribe(16);
        using var second = feed.Subscribe(16);

        for (var i = 0; i < 10; i++)
        {
            feed.Publish("gap", null, Update(i), StationJsonContext.Default.GapView);
        }

        foreach (var subscription in new[] { first, second })
        {
            var details = new List<string>();
            while (subscription.Reader.TryRead(out var update))
            {
                details.Add(System.Text.Json.JsonDocument.Parse(update.Json).RootElement.GetProperty("detail").GetString()!);
            }
            Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), details);
        }
        Assert.Equal(0, feed.Dropped);
    }

    [Fact]
    public void Dispose_Subscription_StopsReceivingAndCompletesItsReader()
    {
        var feed = new LiveFeed();
        var subscription = feed.Subscribe(16);
        Assert.Equal(1, feed.Subscribers);

        subscription.Dispose();
        feed.Publish("gap", null, Update(1), StationJsonContext.Default.GapView);

        Assert.Equal(0, feed.Subscribers);
        Assert.False(subscription.Reader.TryRead(out _));
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Publish_NobodyWatching_PublishesNothing()
    {
        var feed = new LiveFeed();

        feed.Publish("gap", null, Update(1), StationJsonContext.Default.GapView);

        Assert.Equal(0, feed.Published);
    }
}
