using Microsoft.Extensions.Logging;
using RafeCast.Storage.Outbox;
using RafeCast.Testing;

namespace RafeCast.Storage.Tests.Infrastructure;

/// <summary>A durable outbox and its uploader running in this process, as the ground station runs them.</summary>
public sealed class RunningPublisher : IAsyncDisposable
{
    private RunningPublisher(DurableOutbox outbox, OutboxUploader uploader, CollectingPublisher events)
    {
        Outbox = outbox;
        Uploader = uploader;
        Events = events;
    }

    public DurableOutbox Outbox { get; }
    public OutboxUploader Uploader { get; }
    public CollectingPublisher Events { get; }

    public static async Task<RunningPublisher> StartAsync(BlobStorageAccount account, string outboxDirectory, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        var list = loggers as ListLoggerFactory ?? new ListLoggerFactory();
        loggers ??= list;
        time ??= TimeProvider.System;
        var outbox = DurableOutbox.Open(outboxDirectory, account.Options.DiskQuotaBytes, time, loggers.CreateLogger<DurableOutbox>());
        var events = new CollectingPublisher();
        var uploader = new OutboxUploader(outbox, StorageAccountProvider.For(account), events, time, loggers.CreateLogger<OutboxUploader>());
        await uploader.StartAsync(CancellationToken.None);
        return new RunningPublisher(outbox, uploader, events) { Logs = loggers as ListLoggerFactory };
    }

    public ListLoggerFactory? Logs { get; private init; }

    public async Task WaitDrainedAsync(TimeSpan timeout)
    {
        try
        {
            await Eventually.Until(() => Outbox.PendingCount == 0, timeout, "the outbox to drain");
        }
        catch (TimeoutException ex)
        {
            var log = Logs is null ? string.Empty : string.Join("\n", Logs.Lines.TakeLast(30));
            throw new TimeoutException($"{ex.Message} {Outbox.PendingCount} job(s) left. Last log lines:\n{log}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Uploader.StopAsync(CancellationToken.None);
        Uploader.Dispose();
        Outbox.Dispose();
    }
}
