using System.Collections.Concurrent;
using Mediator;
using Microsoft.Extensions.Time.Testing;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Vehicles;
using RafeCast.Testing;

namespace RafeCast.Mavlink.Tests;

/// <summary>Collects what the station publishes.</summary>
internal sealed class RecordingPublisher : IPublisher
{
    public ConcurrentQueue<object> Published { get; } = new();

    public IEnumerable<T> Of<T>() => Published.OfType<T>();

    public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification
    {
        Published.Enqueue(notification);
        return ValueTask.CompletedTask;
    }

    public ValueTask Publish(object notification, CancellationToken cancellationToken = default)
    {
        Published.Enqueue(notification);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The vehicle end of an in-memory link: a MavlinkLink with autopilot ids whose handler answers the station the
/// way a test tells it to. Every frame it receives is also kept for assertions.
/// </summary>
internal sealed class FakeAutopilot : IMavlinkFrameHandler, IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> _received = new();

    public FakeAutopilot(InMemoryTransport transport, TimeProvider time, byte systemId = 1, MavAutopilot autopilot = MavAutopilot.Ardupilotmega)
    {
        Autopilot = autopilot;
        Link = new MavlinkLink(transport, new MavlinkLinkOptions { SystemId = systemId, ComponentId = 1 }, time);
        Link.AddHandler(this);
    }

    public MavlinkLink Link { get; }

    public MavAutopilot Autopilot { get; }

    public Heartbeat Heartbeat { get; set; } = new() { Type = MavType.Quadrotor, Autopilot = MavAutopilot.Ardupilotmega, BaseMode = MavModeFlag.CustomModeEnabled, CustomMode = 0, SystemStatus = MavState.Standby };

    /// <summary>Answers to each received frame (null: no answer).</summary>
    public Func<MavlinkFrameCopy, IEnumerable<Func<FakeAutopilot, ValueTask>>?>? Responder { get; set; }

    public IReadOnlyList<MavlinkFrameCopy> Received => [.. _received.Select(b => new MavlinkFrameCopy(b))];

    public IEnumerable<T> ReceivedMessages<T>()
        where T : struct, IMavlinkMessage<T> =>
        Received.Where(f => f.MessageId == T.MessageId).Select(f => T.Deserialize(f.Payload));

    public Task StartAsync() => Link.StartAsync(CancellationToken.None);

    public ValueTask SendAsync<T>(T message)
        where T : struct, IMavlinkMessage<T> => Link.SendAsync(message, CancellationToken.None);

    public ValueTask SendHeartbeatAsync() => SendAsync(Heartbeat with { Autopilot = Autopilot });

    public void OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc)
    {
        var copy = frame.ToArray();
        _received.Enqueue(copy);
        var answers = Responder?.Invoke(new MavlinkFrameCopy(copy));
        if (answers is null)
        {
            return;
        }
        foreach (var answer in answers)
        {
            answer(this).AsTask().GetAwaiter().GetResult();
        }
    }

    public ValueTask DisposeAsync() => Link.DisposeAsync();
}

/// <summary>A received frame kept as bytes.</summary>
internal sealed class MavlinkFrameCopy(byte[] raw)
{
    public byte[] Raw => raw;

    public uint MessageId => raw[0] == MavlinkProtocol.StxV2 ? (uint)(raw[7] | (raw[8] << 8) | (raw[9] << 16)) : raw[5];

    public byte SystemId => raw[0] == MavlinkProtocol.StxV2 ? raw[5] : raw[3];

    public byte ComponentId => raw[0] == MavlinkProtocol.StxV2 ? raw[6] : raw[4];

    public byte[] Payload => raw[0] == MavlinkProtocol.StxV2 ? raw[10..(10 + raw[1])] : raw[6..(6 + raw[1])];

    public bool Is<T>(out T message)
        where T : struct, IMavlinkMessage<T>
    {
        message = MessageId == T.MessageId ? T.Deserialize(Payload) : default;
        return MessageId == T.MessageId;
    }
}

/// <summary>A station and a fake autopilot joined by an in-memory link on fake time.</summary>
internal sealed class StationFixture : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private StationFixture(MavlinkStation station, FakeAutopilot vehicle, FakeTimeProvider time, RecordingPublisher publisher, InMemoryTransport stationEnd)
    {
        Station = station;
        Vehicle = vehicle;
        Time = time;
        Publisher = publisher;
        StationEnd = stationEnd;
    }

    public MavlinkStation Station { get; }

    public FakeAutopilot Vehicle { get; }

    public FakeTimeProvider Time { get; }

    public RecordingPublisher Publisher { get; }

    public InMemoryTransport StationEnd { get; }

    public static async Task<StationFixture> StartAsync(MavlinkStationOptions? options = null, MavAutopilot autopilot = MavAutopilot.Ardupilotmega)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var publisher = new RecordingPublisher();
        var (stationEnd, vehicleEnd) = InMemoryTransport.CreatePair();
        var station = new MavlinkStation(options, publisher, time);
        await station.AddLinkAsync(stationEnd, CancellationToken.None);
        var vehicle = new FakeAutopilot(vehicleEnd, time, autopilot: autopilot);
        await vehicle.StartAsync();
        await station.StartAsync(CancellationToken.None);
        return new StationFixture(station, vehicle, time, publisher, stationEnd);
    }

    /// <summary>Sends a heartbeat from the fake vehicle and waits until the station knows the vehicle.</summary>
    public async Task<Vehicle> ConnectAsync()
    {
        await Vehicle.SendHeartbeatAsync();
        await Eventually.Until(() => Station.Vehicles.Count == 1, Wait, "the station to discover the vehicle");
        return Station.Vehicles[0];
    }

    /// <summary>
    /// Moves fake time on one housekeeping period at a time, each time waiting for the station's loop to run,
    /// until <paramref name="done"/> holds (or <paramref name="limit"/> of fake time has passed).
    /// </summary>
    public async Task StepUntil(Func<bool> done, string what, TimeSpan? limit = null)
    {
        var end = Time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(1));
        await Eventually.Until(() => Station.HousekeepingRounds > 0, Wait, "the station's first round");
        while (!done())
        {
            if (Time.GetUtcNow() >= end)
            {
                throw new TimeoutException($"Fake time ran out waiting for {what}.");
            }
            var rounds = Station.HousekeepingRounds;
            Time.Advance(MavlinkStation.HousekeepingInterval);
            await Eventually.Until(() => Station.HousekeepingRounds > rounds, Wait, $"a station round while waiting for {what}");
        }
    }

    /// <summary>
    /// Moves fake time on by <paramref name="stepSeconds"/> until <paramref name="done"/> holds. For client timeouts,
    /// whose timers start a moment after a request is seen: steps are small against the timeouts.
    /// </summary>
    public Task AdvanceUntil(Func<bool> done, string what, double stepSeconds = 0.25) =>
        Eventually.Until(() =>
        {
            if (done())
            {
                return true;
            }
            Time.Advance(TimeSpan.FromSeconds(stepSeconds));
            return false;
        }, Wait, what);

    public async ValueTask DisposeAsync()
    {
        await Station.DisposeAsync();
        await Vehicle.DisposeAsync();
    }
}
