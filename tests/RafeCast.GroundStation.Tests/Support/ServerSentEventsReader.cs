using System.Text;

namespace RafeCast.GroundStation.Tests.Support;

/// <summary>Reads a text/event-stream response event by event (https://html.spec.whatwg.org/multipage/server-sent-events.html).</summary>
internal sealed class ServerSentEventsReader(Stream body)
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    public sealed record ServerSentEvent(string Event, string Data);

    /// <summary>The next event with a data field (comments and retry-only blocks are skipped); null at the end of the stream.</summary>
    public async Task<ServerSentEvent?> NextAsync(CancellationToken cancellationToken)
    {
        string? eventName = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return new ServerSentEvent(eventName ?? "message", data.ToString());
                }
                eventName = null;
                continue;
            }
            if (line.StartsWith(':'))
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event":
                    eventName = value;
                    break;
                case "data":
                    if (data.Length > 0)
                    {
                        data.Append('\n');
                    }
                    data.Append(value);
                    break;
            }
        }
        return null;
    }

    /// <summary>Skips events until one named <paramref name="eventName"/> that satisfies <paramref name="match"/>.</summary>
    public async Task<ServerSentEvent> NextAsync(string eventName, Func<string, bool>? match, CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken) is { } next)
        {
            if (next.Event == eventName && (match is null || match(next.Data)))
            {
                return next;
            }
        }
        throw new EndOfStreamException($"The event stream ended before a '{eventName}' event.");
    }
}
