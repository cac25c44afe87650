using Microsoft.Extensions.Logging;
using RafeCast.Core.Vehicles;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Microservices.Commands;
using RafeCast.Mavlink.Microservices.MessageIntervals;
using RafeCast.Mavlink.Microservices.Missions;
using RafeCast.Mavlink.Microservices.Parameters;

namespace RafeCast.Mavlink.Vehicles;

/// <summary>
/// A vehicle the station has heard (an autopilot, keyed by system and component id): its latest
/// <see cref="State"/>, and the client side of the microservices to command it. Commands go out on the link
/// it was last heard on.
/// </summary>
public sealed class Vehicle : IVehicleChannel
{
    private readonly Lock _gate = new();
    private IFrameSubscription[] _subscriptions = [];
    private volatile VehicleState _state;
    private volatile MavlinkLink _link;

    internal Vehicle(VehicleId id, VehicleId self, MavlinkLink link, VehicleState state, MavlinkStationOptions options, TimeProvider time, ILogger logger)
    {
        Id = id;
        Self = self;
        _link = link;
        _state = state;
        Time = time;
        Commands = new CommandClient(this, options.Commands, logger);
        MessageIntervals = new MessageIntervalClient(this, Commands);
        Missions = new MissionClient(this, options.Missions, logger);
        Parameters = new ParameterClient(this, options.Parameters, logger);
    }

    public VehicleId Id { get; }

    VehicleId IVehicleChannel.Target => Id;

    /// <summary>The station's own ids.</summary>
    public VehicleId Self { get; }

    public TimeProvider Time { get; }

    public MavAutopilot Autopilot => _state.Autopilot;

    /// <summary>The latest snapshot of what the station knows.</summary>
    public VehicleState State => _state;

    /// <summary>The link the vehicle was last heard on.</summary>
    public MavlinkLink Link => _link;

    public CommandClient Commands { get; }

    public MessageIntervalClient MessageIntervals { get; }

    public MissionClient Missions { get; }

    public ParameterClient Parameters { get; }

    public ValueTask SendAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : struct, IMavlinkMessage<TMessage> => _link.SendAsync(message, cancellationToken);

    public MessageSubscription<TMessage> Subscribe<TMessage>(Func<TMessage, bool>? match = null)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        var subscription = new MessageSubscription<TMessage>(match, Time, Unsubscribe);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }
        return subscription;
    }

    /// <summary>The next <typeparamref name="TMessage"/> from the vehicle that passes <paramref name="match"/>.</summary>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>.</exception>
    public async Task<TMessage> WaitForAsync<TMessage>(TimeSpan timeout, CancellationToken cancellationToken, Func<TMessage, bool>? match = null)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        using var subscription = Subscribe(match);
        return await subscription.NextAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Arms the motors (MAV_CMD_COMPONENT_ARM_DISARM 1).</summary>
    /// <exception cref="Microservices.MavlinkCommandException">The vehicle refused (pre-arm checks, wrong mode).</exception>
    public Task ArmAsync(CancellationToken cancellationToken) =>
        Commands.RunAsync(new CommandLong { Command = MavCmd.ComponentArmDisarm, Param1 = 1 }, cancellationToken);

    /// <summary>Disarms; <paramref name="force"/> disarms even in flight (the spec's magic 21196).</summary>
    public Task DisarmAsync(CancellationToken cancellationToken, bool force = false) =>
        Commands.RunAsync(new CommandLong { Command = MavCmd.ComponentArmDisarm, Param1 = 0, Param2 = force ? 21196 : 0 }, cancellationToken);

    /// <summary>Takes off to <paramref name="altitudeMetres"/> above home (ArduPilot Copter needs GUIDED mode and armed motors first).</summary>
    public Task TakeoffAsync(double altitudeMetres, CancellationToken cancellationToken) =>
        Commands.RunAsync(new CommandLong { Command = MavCmd.NavTakeoff, Param4 = float.NaN, Param5 = float.NaN, Param6 = float.NaN, Param7 = (float)altitudeMetres }, cancellationToken);

    /// <summary>Lands where the vehicle is.</summary>
    public Task LandAsync(CancellationToken cancellationToken) =>
        Commands.RunAsync(new CommandLong { Command = MavCmd.NavLand, Param4 = float.NaN, Param5 = float.NaN, Param6 = float.NaN }, cancellationToken);

    /// <summary>Returns to launch.</summary>
    public Task ReturnToLaunchAsync(CancellationToken cancellationToken) =>
        Commands.RunAsync(new CommandLong { Command = MavCmd.NavReturnToLaunch }, cancellationToken);

    /// <summary>
    /// Flies to a position and holds there (MAV_CMD_DO_REPOSITION as COMMAND_INT, switching to a guided mode).
    /// </summary>
    /// <param name="latitude">WGS-84 latitude in degrees.</param>
    /// <param name="longitude">WGS-84 longitude in degrees.</param>
    /// <param name="altitudeRelativeMetres">Altitude above home in metres.</param>
    /// <param name="cancellationToken">Cancels the wait for the acknowledgement.</param>
    /// <param name="groundSpeed">Ground speed in m/s; null for the vehicle's default.</param>
    public Task GotoAsync(double latitude, double longitude, double altitudeRelativeMetres, CancellationToken cancellationToken, double? groundSpeed = null) =>
        Commands.RunAsync(new CommandInt
        {
            Command = MavCmd.DoReposition,
            Frame = MavFrame.GlobalRelativeAlt,
            Param1 = groundSpeed is { } speed ? (float)speed : -1,
            // MAV_DO_REPOSITION_FLAGS_CHANGE_MODE: switch to guided so the reposition takes effect.
            Param2 = 1,
            Param4 = float.NaN,
            X = (int)Math.Round(latitude * 1e7),
            Y = (int)Math.Round(longitude * 1e7),
            Z = (float)altitudeRelativeMetres,
        }, cancellationToken);

    /// <summary>Switches to flight mode <paramref name="name"/> (see <see cref="FlightModes"/> for ArduPilot Copter and PX4 names).</summary>
    /// <exception cref="ArgumentException">The autopilot has no mode of that name.</exception>
    public Task SetFlightModeAsync(string name, CancellationToken cancellationToken)
    {
        var mode = FlightModes.Parse(Autopilot, name);
        return Commands.RunAsync(new CommandLong
        {
            Command = MavCmd.DoSetMode,
            Param1 = (float)MavModeFlag.CustomModeEnabled,
            Param2 = mode.MainMode,
            Param3 = mode.SubMode,
        }, cancellationToken);
    }

    public override string ToString() => $"vehicle {Id} ({_state.Autopilot}, {_state.FlightMode}{(_state.Armed ? ", armed" : string.Empty)})";

    internal void Update(VehicleState state) => _state = state;

    internal void Heard(MavlinkLink link) => _link = link;

    internal void Dispatch(in MavlinkFrame frame)
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Offer(frame);
        }
    }

    private void Unsubscribe(IFrameSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }
}
