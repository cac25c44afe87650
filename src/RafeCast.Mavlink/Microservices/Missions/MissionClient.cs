using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Vehicles;

namespace RafeCast.Mavlink.Microservices.Missions;

/// <summary>Timing of the mission protocol.</summary>
public sealed record MissionOptions
{
    /// <summary>How long to wait for the vehicle's next message before resending ours.</summary>
    public TimeSpan ItemTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Sends of the same message before giving up.</summary>
    public int Attempts { get; init; } = 5;
}

/// <summary>
/// The mission protocol, client side (https://mavlink.io/en/services/mission.html), with integer positions
/// (MISSION_ITEM_INT): upload, download and clear of the mission, fence or rally plan, each step retried on
/// silence.
/// </summary>
public sealed class MissionClient(IVehicleChannel vehicle, MissionOptions? options = null, ILogger? logger = null)
{
    private readonly MissionOptions _options = options ?? new MissionOptions();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>
    /// Uploads <paramref name="items"/> (their seq is set to their index; target, mission type filled in):
    /// MISSION_COUNT, then each MISSION_ITEM_INT the vehicle requests, until its MISSION_ACK.
    /// </summary>
    /// <exception cref="MavlinkMissionException">The vehicle refused the plan.</exception>
    /// <exception cref="MavlinkTimeoutException">The vehicle went silent.</exception>
    public async Task UploadAsync(IReadOnlyList<MissionItemInt> items, CancellationToken cancellationToken, MavMissionType type = MavMissionType.Mission)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var requests = vehicle.Subscribe<MissionRequestInt>(r => r.MissionType == type && ForUs(r.TargetSystem, r.TargetComponent));
        using var acks = vehicle.Subscribe<MissionAck>(a => a.MissionType == type && ForUs(a.TargetSystem, a.TargetComponent));
        var count = new MissionCount { TargetSystem = vehicle.Target.SystemId, TargetComponent = vehicle.Target.ComponentId, Count = (ushort)items.Count, MissionType = type };
        Log.MissionStep(_logger, "upload", vehicle.Target.ToString(), $"{items.Count} items");

        // What we resend on silence: the count until the first request, then the last item sent.
        Func<ValueTask> resend = () => vehicle.SendAsync(count, cancellationToken);
        await resend().ConfigureAwait(false);
        var silent = 0;
        while (true)
        {
            var next = await NextAsync(requests, acks, cancellationToken).ConfigureAwait(false);
            if (next.Ack is { } ack)
            {
                if (ack.Type == MavMissionResult.Accepted)
                {
                    Log.MissionStep(_logger, "upload", vehicle.Target.ToString(), "accepted");
                    return;
                }
                throw new MavlinkMissionException($"Vehicle {vehicle.Target} refused the {type} upload: {ack.Type}.", ack.Type);
            }
            if (next.Request is { } request)
            {
                silent = 0;
                if (request.Seq >= items.Count)
                {
                    throw new MavlinkMissionException($"Vehicle {vehicle.Target} asked for item {request.Seq} of a {items.Count}-item {type} upload.", MavMissionResult.InvalidSequence);
                }
                var item = items[request.Seq] with
                {
                    TargetSystem = vehicle.Target.SystemId,
                    TargetComponent = vehicle.Target.ComponentId,
                    Seq = request.Seq,
                    MissionType = type,
                };
                resend = () => vehicle.SendAsync(item, cancellationToken);
                await resend().ConfigureAwait(false);
                continue;
            }
            if (++silent >= _options.Attempts)
            {
                throw new MavlinkTimeoutException($"{type} upload", vehicle.Target, silent, _options.ItemTimeout * silent);
            }
            await resend().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Downloads the plan: MISSION_REQUEST_LIST, MISSION_COUNT, then MISSION_REQUEST_INT for each item, and a
    /// closing MISSION_ACK.
    /// </summary>
    /// <exception cref="MavlinkTimeoutException">The vehicle went silent.</exception>
    public async Task<IReadOnlyList<MissionItemInt>> DownloadAsync(CancellationToken cancellationToken, MavMissionType type = MavMissionType.Mission)
    {
        using var counts = vehicle.Subscribe<MissionCount>(c => c.MissionType == type && ForUs(c.TargetSystem, c.TargetComponent));
        using var itemsIn = vehicle.Subscribe<MissionItemInt>(i => i.MissionType == type && ForUs(i.TargetSystem, i.TargetComponent));
        var list = new MissionRequestList { TargetSystem = vehicle.Target.SystemId, TargetComponent = vehicle.Target.ComponentId, MissionType = type };
        var count = await ExchangeAsync(() => vehicle.SendAsync(list, cancellationToken), counts, _ => true, $"{type} download (count)", cancellationToken).ConfigureAwait(false);
        Log.MissionStep(_logger, "download", vehicle.Target.ToString(), $"{count.Count} items");

        var items = new List<MissionItemInt>(count.Count);
        for (ushort seq = 0; seq < count.Count; seq++)
        {
            var request = new MissionRequestInt { TargetSystem = vehicle.Target.SystemId, TargetComponent = vehicle.Target.ComponentId, Seq = seq, MissionType = type };
            var wanted = seq;
            items.Add(await ExchangeAsync(() => vehicle.SendAsync(request, cancellationToken), itemsIn, i => i.Seq == wanted, $"{type} download (item {seq})", cancellationToken).ConfigureAwait(false));
        }
        await vehicle.SendAsync(new MissionAck { TargetSystem = vehicle.Target.SystemId, TargetComponent = vehicle.Target.ComponentId, Type = MavMissionResult.Accepted, MissionType = type }, cancellationToken).ConfigureAwait(false);
        return items;
    }

    /// <summary>Deletes the plan (MISSION_CLEAR_ALL until MISSION_ACK).</summary>
    /// <exception cref="MavlinkMissionException">The vehicle refused.</exception>
    /// <exception cref="MavlinkTimeoutException">The vehicle went silent.</exception>
    public async Task ClearAsync(CancellationToken cancellationToken, MavMissionType type = MavMissionType.Mission)
    {
        using var acks = vehicle.Subscribe<MissionAck>(a => (a.MissionType == type || type == MavMissionType.All) && ForUs(a.TargetSystem, a.TargetComponent));
        var clear = new MissionClearAll { TargetSystem = vehicle.Target.SystemId, TargetComponent = vehicle.Target.ComponentId, MissionType = type };
        var ack = await ExchangeAsync(() => vehicle.SendAsync(clear, cancellationToken), acks, _ => true, $"{type} clear", cancellationToken).ConfigureAwait(false);
        if (ack.Type != MavMissionResult.Accepted)
        {
            throw new MavlinkMissionException($"Vehicle {vehicle.Target} refused to clear the {type}: {ack.Type}.", ack.Type);
        }
    }

    /// <summary>Makes item <paramref name="seq"/> the active one and waits for MISSION_CURRENT to show it.</summary>
    public async Task SetCurrentAsync(ushort seq, CancellationToken cancellationToken)
    {
        using var current = vehicle.Subscribe<MissionCurrent>();
        var set = new MissionSetCurrent { TargetSystem = vehicle.Target.SystemId, TargetComponent = vehicle.Target.ComponentId, Seq = seq };
        await ExchangeAsync(() => vehicle.SendAsync(set, cancellationToken), current, c => c.Seq == seq, "set current item", cancellationToken).ConfigureAwait(false);
    }

    private bool ForUs(byte system, byte component) =>
        (system == 0 || system == vehicle.Self.SystemId) && (component == 0 || component == vehicle.Self.ComponentId);

    private async Task<TMessage> ExchangeAsync<TMessage>(Func<ValueTask> send, MessageSubscription<TMessage> answers, Func<TMessage, bool> match, string operation, CancellationToken cancellationToken)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        for (var attempt = 1; attempt <= _options.Attempts; attempt++)
        {
            await send().ConfigureAwait(false);
            try
            {
                while (true)
                {
                    var answer = await answers.NextAsync(_options.ItemTimeout, cancellationToken).ConfigureAwait(false);
                    if (match(answer))
                    {
                        return answer;
                    }
                }
            }
            catch (TimeoutException)
            {
                Log.MissionStep(_logger, operation, vehicle.Target.ToString(), $"no answer to attempt {attempt}");
            }
        }
        throw new MavlinkTimeoutException(operation, vehicle.Target, _options.Attempts, _options.ItemTimeout * _options.Attempts);
    }

    private readonly record struct Answer(MissionRequestInt? Request, MissionAck? Ack);

    /// <summary>The next request or ack, whichever comes first; neither after the item timeout.</summary>
    private async Task<Answer> NextAsync(MessageSubscription<MissionRequestInt> requests, MessageSubscription<MissionAck> acks, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.ItemTimeout, vehicle.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (true)
        {
            // Peek-then-take keeps a message that arrives on the other subscription queued, not lost.
            if (acks.TryNext(out var ack))
            {
                return new Answer(null, ack);
            }
            if (requests.TryNext(out var request))
            {
                return new Answer(request, null);
            }
            await Task.WhenAny(acks.WaitToReadAsync(linked.Token), requests.WaitToReadAsync(linked.Token)).ConfigureAwait(false);
            if (linked.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (acks.TryNext(out ack))
                {
                    return new Answer(null, ack);
                }
                return requests.TryNext(out request) ? new Answer(request, null) : default;
            }
        }
    }
}
