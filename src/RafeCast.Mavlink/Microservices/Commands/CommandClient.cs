using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Vehicles;

namespace RafeCast.Mavlink.Microservices.Commands;

/// <summary>Timing of the command protocol.</summary>
public sealed record CommandOptions
{
    /// <summary>How long to wait for an acknowledgement before sending again.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Transmissions in all, the first included.</summary>
    public int Attempts { get; init; } = 5;

    /// <summary>How long a command that answered IN_PROGRESS may go quiet before it counts as timed out.</summary>
    public TimeSpan InProgressTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>The final answer to a command.</summary>
/// <param name="Command">The command answered.</param>
/// <param name="Result">The vehicle's result.</param>
/// <param name="ResultParam2">Command-specific detail.</param>
/// <param name="Attempts">Transmissions it took.</param>
public readonly record struct CommandResult(MavCmd Command, MavResult Result, int ResultParam2, int Attempts)
{
    public bool Accepted => Result == MavResult.Accepted;
}

/// <summary>
/// The command protocol, client side (https://mavlink.io/en/services/command.html): sends COMMAND_LONG or
/// COMMAND_INT, waits for the COMMAND_ACK of that command, resends on silence with COMMAND_LONG's confirmation
/// counted up, and after IN_PROGRESS stops resending and waits (reporting progress) for the final result.
/// </summary>
public sealed class CommandClient(IVehicleChannel vehicle, CommandOptions? options = null, ILogger? logger = null)
{
    private readonly CommandOptions _options = options ?? new CommandOptions();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public CommandOptions Options => _options;

    /// <summary>Sends a COMMAND_LONG (target and confirmation are filled in) and returns the final answer.</summary>
    /// <exception cref="MavlinkTimeoutException">No answer after every attempt, or silence after IN_PROGRESS.</exception>
    public Task<CommandResult> SendAsync(CommandLong command, CancellationToken cancellationToken, IProgress<int>? progress = null)
    {
        command.TargetSystem = vehicle.Target.SystemId;
        command.TargetComponent = vehicle.Target.ComponentId;
        return RunAsync(command.Command, attempt => vehicle.SendAsync(command with { Confirmation = (byte)Math.Min(attempt, 255) }, cancellationToken), progress, cancellationToken);
    }

    /// <summary>Sends a COMMAND_INT (target filled in) and returns the final answer.</summary>
    /// <exception cref="MavlinkTimeoutException">No answer after every attempt, or silence after IN_PROGRESS.</exception>
    public Task<CommandResult> SendAsync(CommandInt command, CancellationToken cancellationToken, IProgress<int>? progress = null)
    {
        command.TargetSystem = vehicle.Target.SystemId;
        command.TargetComponent = vehicle.Target.ComponentId;
        return RunAsync(command.Command, _ => vehicle.SendAsync(command, cancellationToken), progress, cancellationToken);
    }

    /// <summary>COMMAND_LONG with the given parameters.</summary>
    public Task<CommandResult> SendLongAsync(MavCmd command, float param1 = 0, float param2 = 0, float param3 = 0, float param4 = 0, float param5 = 0, float param6 = 0, float param7 = 0, CancellationToken cancellationToken = default) =>
        SendAsync(new CommandLong { Command = command, Param1 = param1, Param2 = param2, Param3 = param3, Param4 = param4, Param5 = param5, Param6 = param6, Param7 = param7 }, cancellationToken);

    /// <summary>Sends a COMMAND_LONG and throws unless the vehicle accepts it.</summary>
    /// <exception cref="MavlinkCommandException">The vehicle answered with anything but ACCEPTED.</exception>
    public async Task<CommandResult> RunAsync(CommandLong command, CancellationToken cancellationToken)
    {
        var result = await SendAsync(command, cancellationToken).ConfigureAwait(false);
        return result.Accepted ? result : throw new MavlinkCommandException(result.Command, result.Result, vehicle.Target);
    }

    /// <summary>Sends a COMMAND_INT and throws unless the vehicle accepts it.</summary>
    /// <exception cref="MavlinkCommandException">The vehicle answered with anything but ACCEPTED.</exception>
    public async Task<CommandResult> RunAsync(CommandInt command, CancellationToken cancellationToken)
    {
        var result = await SendAsync(command, cancellationToken).ConfigureAwait(false);
        return result.Accepted ? result : throw new MavlinkCommandException(result.Command, result.Result, vehicle.Target);
    }

    private async Task<CommandResult> RunAsync(MavCmd command, Func<int, ValueTask> send, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var self = vehicle.Self;
        using var acks = vehicle.Subscribe<CommandAck>(a => a.Command == command
            && (a.TargetSystem == 0 || a.TargetSystem == self.SystemId)
            && (a.TargetComponent == 0 || a.TargetComponent == self.ComponentId));
        var name = command.ToString();
        var target = vehicle.Target.ToString();
        var inProgress = false;
        var attempt = 0;
        while (attempt < _options.Attempts)
        {
            attempt++;
            Log.CommandSent(_logger, name, target, attempt);
            await send(attempt - 1).ConfigureAwait(false);
            while (true)
            {
                CommandAck ack;
                try
                {
                    ack = await acks.NextAsync(inProgress ? _options.InProgressTimeout : _options.AckTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    if (inProgress)
                    {
                        // The vehicle is working on it: resending would start it again.
                        throw new MavlinkTimeoutException($"{command} (in progress)", vehicle.Target, attempt, _options.InProgressTimeout);
                    }
                    break;
                }
                if (ack.Result == MavResult.InProgress)
                {
                    inProgress = true;
                    if (ack.Progress != byte.MaxValue)
                    {
                        progress?.Report(ack.Progress);
                    }
                    continue;
                }
                Log.CommandAnswered(_logger, name, target, ack.Result.ToString(), attempt);
                return new CommandResult(command, ack.Result, ack.ResultParam2, attempt);
            }
        }
        throw new MavlinkTimeoutException(command.ToString(), vehicle.Target, attempt, _options.AckTimeout * attempt);
    }
}
