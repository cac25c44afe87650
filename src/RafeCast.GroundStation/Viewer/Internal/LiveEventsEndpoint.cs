using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Json;
using RafeCast.GroundStation.Live;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>
/// <c>/api/live/events</c>: Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html).
/// First a <c>snapshot</c>, then every change as it happens (<c>position</c>, <c>vehicle</c>, <c>crossing</c>,
/// <c>stream</c>, <c>gap</c>), with a keep-alive comment when idle. Optional <c>?vehicle=1/1</c> keeps one
/// vehicle's events (and those concerning no vehicle). A connection that falls behind loses its oldest
/// updates; it never slows the pipeline.
/// </summary>
internal static class LiveEventsEndpoint
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();
    private static readonly byte[] Preamble = "retry: 2000\n\n"u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly ConcurrentDictionary<string, byte[]> EventHeaders = new(StringComparer.Ordinal);

    public static async Task HandleAsync(
        HttpContext context,
        LiveFeed feed,
        LiveStationModel model,
        IOptions<LiveModelOptions> options,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(LiveEventsEndpoint).FullName!);
        var vehicle = context.Request.Query["vehicle"].FirstOrDefault();
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        // Tells reverse proxies (nginx) not to buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";

        // Ends with the client, or when the station stops (else shutdown would wait on open viewers).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;

        // Subscribe before the snapshot, so nothing falls between the two (a duplicate is harmless).
        using var subscription = feed.Subscribe(options.Value.ClientQueue);
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        Log.ViewerConnected(logger, remote, feed.Subscribers);
        long sent = 0;
        try
        {
            var body = response.Body;
            await body.WriteAsync(Preamble, cancellationToken).ConfigureAwait(false);
            await WriteEventAsync(body, "snapshot", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(model.Snapshot(), StationJsonContext.Default.LiveSnapshot), cancellationToken).ConfigureAwait(false);
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);

            var reader = subscription.Reader;
            Task<bool>? waiting = null;
            while (true)
            {
                waiting ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                try
                {
                    if (!await waiting.WaitAsync(options.Value.KeepAliveInterval, time, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (TimeoutException)
                {
                    await body.WriteAsync(KeepAlive, cancellationToken).ConfigureAwait(false);
                    await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                waiting = null;
                while (reader.TryRead(out var update))
                {
                    if (vehicle is not null && update.Vehicle is not null && update.Vehicle != vehicle)
                    {
                        continue;
                    }
                    await WriteEventAsync(body, update.Event, update.Json, cancellationToken).ConfigureAwait(false);
                    sent++;
                }
                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The viewer left or the station is stopping: the normal end of a live stream.
        }
        catch (IOException)
        {
            // The connection broke mid-write.
        }
        finally
        {
            Log.ViewerDisconnected(logger, remote, sent, subscription.Dropped);
        }
    }

    private static async ValueTask WriteEventAsync(Stream body, string eventName, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        // JSON from System.Text.Json holds no raw newlines, so one data line is enough.
        var header = EventHeaders.GetOrAdd(eventName, static name => Encoding.UTF8.GetBytes($"event: {name}\ndata: "));
        await body.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
    }
}
