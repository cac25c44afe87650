using Mediator;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Pipeline.Behaviors;

namespace RafeCast.Pipeline.Tests;

public sealed class IsolatingNotificationPublisherTests
{
    private sealed record Ping(int Value) : INotification;

    private sealed class Recording(List<string> log, string name, bool fail = false) : INotificationHandler<Ping>
    {
        public ValueTask Handle(Ping notification, CancellationToken cancellationToken)
        {
            log.Add($"{name}:{notification.Value}");
            return fail ? throw new InvalidOperationException("stage down") : ValueTask.CompletedTask;
        }
    }

    // isArray: true promises Mediator the handlers are an array (it casts without checking), so the
    // tests hand it a real array, as the generated mediator does.
    [Fact]
    public async Task Publish_FailingHandler_OtherHandlersStillRun()
    {
        var log = new List<string>();
        var handlers = new NotificationHandlers<Ping>(new INotificationHandler<Ping>[] { new Recording(log, "a"), new Recording(log, "b", fail: true), new Recording(log, "c") }, isArray: true);
        var publisher = new IsolatingNotificationPublisher(NullLogger<IsolatingNotificationPublisher>.Instance);

        await publisher.Publish(handlers, new Ping(7), CancellationToken.None);

        Assert.Equal(["a:7", "b:7", "c:7"], log);
    }

    [Fact]
    public async Task Publish_CallerCancels_CancellationPropagates()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var handlers = new NotificationHandlers<Ping>(new INotificationHandler<Ping>[] { new CancellingHandler() }, isArray: true);
        var publisher = new IsolatingNotificationPublisher(NullLogger<IsolatingNotificationPublisher>.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await publisher.Publish(handlers, new Ping(1), cts.Token));
    }

    private sealed class CancellingHandler : INotificationHandler<Ping>
    {
        public ValueTask Handle(Ping notification, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.CompletedTask;
        }
    }
}
