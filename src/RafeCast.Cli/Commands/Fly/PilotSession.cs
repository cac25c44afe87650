using Mediator;
using RafeCast.Core.Vehicles;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Signing;
using RafeCast.Mavlink.Vehicles;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>A STATUSTEXT a vehicle sent, with when it arrived.</summary>
internal sealed record VehicleMessage(byte SystemId, MavSeverity Severity, string Text, DateTimeOffset ReceivedUtc);

/// <summary>
/// The pilot's connection: a <see cref="MavlinkStation"/> on one link (our heartbeat, vehicle sessions, the
/// microservice clients), the vehicle being flown, each vehicle's STATUSTEXTs and link quality (sequence gaps
/// of its frames), kept by a frame handler on the link.
/// </summary>
internal sealed class PilotSession : IMavlinkFrameHandler, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte, VehicleMessage> _lastText = [];
    private readonly Dictionary<ushort, LossTracker> _loss = [];
    private readonly List<VehicleMessage> _textLog = [];
    private Vehicle? _selected;

    private PilotSession(MavlinkStation station, MavlinkLink link, string connection)
    {
        Station = station;
        Link = link;
        Connection = connection;
    }

    public MavlinkStation Station { get; }

    public MavlinkLink Link { get; }

    /// <summary>The connection string, as the user gave it.</summary>
    public string Connection { get; }

    /// <summary>Raised for every STATUSTEXT, on the link's receive loop.</summary>
    public event Action<VehicleMessage>? MessageReceived;

    /// <summary>The vehicle commands go to.</summary>
    public Vehicle Selected
    {
        get
        {
            lock (_gate)
            {
                return _selected ?? throw new InvalidOperationException("No vehicle selected yet.");
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="transport"/> as a ground station and waits for a vehicle (system <paramref name="systemId"/>
    /// when given) for at most <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="TimeoutException">No vehicle heard: "no vehicle heard on CONN after N s".</exception>
    public static Task<PilotSession> ConnectAsync(IMavlinkTransport transport, string connection, MavlinkSigningKey? signingKey, byte? systemId, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        ConnectAsync(transport, connection, new MavlinkStationOptions { SigningKey = signingKey }, systemId, timeout, time, cancellationToken);

    /// <summary>As above with every station option given (tests shorten the protocol timeouts).</summary>
    internal static async Task<PilotSession> ConnectAsync(IMavlinkTransport transport, string connection, MavlinkStationOptions options, byte? systemId, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        // A pilot console talks to vehicles; it does not relay between links.
        var station = new MavlinkStation(options with { Forwarding = false }, NoPublisher.Instance, time);
        PilotSession? session = null;
        try
        {
            var link = await station.AddLinkAsync(transport, cancellationToken).ConfigureAwait(false);
            session = new PilotSession(station, link, connection);
            link.AddHandler(session);
            await station.StartAsync(cancellationToken).ConfigureAwait(false);
            Vehicle vehicle;
            try
            {
                vehicle = await station.WaitForVehicleAsync(timeout, cancellationToken, systemId is { } id ? v => v.Id.SystemId == id : null).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                var which = systemId is { } wanted ? $"vehicle {wanted}" : "vehicle";
                throw new TimeoutException($"no {which} heard on {connection} after {timeout.TotalSeconds:0.#} s", ex);
            }
            session._selected = vehicle;
            await WaitForPositionAsync(vehicle, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await station.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>
    /// Gives the vehicle a moment to send its first position (the heartbeat comes first), so the first command's
    /// snapshot and a goto without altitude know where it is. A vehicle without one is still flown.
    /// </summary>
    private static async Task WaitForPositionAsync(Vehicle vehicle, CancellationToken cancellationToken)
    {
        if (vehicle.State.Position is not null)
        {
            return;
        }
        try
        {
            await vehicle.WaitForAsync<GlobalPositionInt>(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>Makes <paramref name="systemId"/>'s autopilot the vehicle commands go to, waiting up to <paramref name="timeout"/> to hear it.</summary>
    /// <exception cref="TimeoutException">Not heard.</exception>
    public async Task<Vehicle> SelectAsync(byte systemId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var vehicle = await Station.WaitForVehicleAsync(timeout, cancellationToken, v => v.Id.SystemId == systemId).ConfigureAwait(false);
        lock (_gate)
        {
            _selected = vehicle;
        }
        await WaitForPositionAsync(vehicle, cancellationToken).ConfigureAwait(false);
        return vehicle;
    }

    /// <summary>The last STATUSTEXT of <paramref name="systemId"/>.</summary>
    public VehicleMessage? LastMessage(byte systemId)
    {
        lock (_gate)
        {
            return _lastText.GetValueOrDefault(systemId);
        }
    }

    /// <summary>STATUSTEXTs received so far (oldest first); <paramref name="after"/> is a count from an earlier call.</summary>
    public IReadOnlyList<VehicleMessage> Messages(int after = 0)
    {
        lock (_gate)
        {
            return [.. _textLog.Skip(after)];
        }
    }

    /// <summary>Number of STATUSTEXTs received so far (a mark for <see cref="Messages"/>).</summary>
    public int MessageCount
    {
        get
        {
            lock (_gate)
            {
                return _textLog.Count;
            }
        }
    }

    /// <summary>Frames of <paramref name="vehicle"/> missing from its sequence, as a percentage of those expected.</summary>
    public double PacketLossPercent(VehicleId vehicle)
    {
        lock (_gate)
        {
            return _loss.TryGetValue(Key(vehicle.SystemId, vehicle.ComponentId), out var tracker) ? tracker.LossPercent : 0;
        }
    }

    void IMavlinkFrameHandler.OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc)
    {
        VehicleMessage? message = null;
        lock (_gate)
        {
            var key = Key(frame.SystemId, frame.ComponentId);
            if (!_loss.TryGetValue(key, out var tracker))
            {
                tracker = new LossTracker();
                _loss.Add(key, tracker);
            }
            tracker.Count(frame.Sequence);
            if (frame.TryDecode<Statustext>(out var text))
            {
                message = new VehicleMessage(frame.SystemId, text.Severity, text.GetText(), receivedUtc);
                _lastText[frame.SystemId] = message;
                _textLog.Add(message);
                if (_textLog.Count > 1000)
                {
                    _textLog.RemoveRange(0, 500);
                }
            }
        }
        if (message is not null)
        {
            MessageReceived?.Invoke(message);
        }
    }

    private static ushort Key(byte system, byte component) => (ushort)((system << 8) | component);

    public async ValueTask DisposeAsync() => await Station.DisposeAsync().ConfigureAwait(false);

    /// <summary>Sequence gaps of one sender over the last few hundred frames, so a past outage fades from the figure.</summary>
    private sealed class LossTracker
    {
        private const int Window = 500;
        private readonly Queue<int> _gaps = new();
        private int _lostInWindow;
        private byte _last;
        private bool _started;

        public double LossPercent => _gaps.Count == 0 ? 0 : 100.0 * _lostInWindow / (_gaps.Count + _lostInWindow);

        public void Count(byte sequence)
        {
            var gap = 0;
            if (_started)
            {
                var step = (byte)(sequence - _last - 1);
                // Forward jumps under half the range are loss; larger ones are reordering or a restart.
                gap = step < 128 ? step : 0;
            }
            _started = true;
            _last = sequence;
            _gaps.Enqueue(gap);
            _lostInWindow += gap;
            if (_gaps.Count > Window)
            {
                _lostInWindow -= _gaps.Dequeue();
            }
        }
    }

    /// <summary>The pilot console publishes nothing into a pipeline.</summary>
    private sealed class NoPublisher : IPublisher
    {
        public static readonly NoPublisher Instance = new();

        public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification => ValueTask.CompletedTask;

        public ValueTask Publish(object notification, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
