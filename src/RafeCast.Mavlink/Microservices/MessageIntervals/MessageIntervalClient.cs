using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Microservices.Commands;
using RafeCast.Mavlink.Vehicles;

namespace RafeCast.Mavlink.Microservices.MessageIntervals;

/// <summary>
/// Message rates and one-off requests (https://mavlink.io/en/mavgen_python/howto_requestmessages.html):
/// MAV_CMD_SET_MESSAGE_INTERVAL and MAV_CMD_REQUEST_MESSAGE.
/// </summary>
public sealed class MessageIntervalClient(IVehicleChannel vehicle, CommandClient commands)
{
    /// <summary>How long to wait for a requested message after the request was accepted.</summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Streams message <paramref name="messageId"/> every <paramref name="interval"/>.</summary>
    public Task SetIntervalAsync(uint messageId, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return SetAsync(messageId, (float)(interval.Ticks / 10.0), cancellationToken);
    }

    /// <summary>Streams <typeparamref name="TMessage"/> at <paramref name="hertz"/> times a second.</summary>
    public Task SetRateAsync<TMessage>(double hertz, CancellationToken cancellationToken)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(hertz, 0);
        return SetIntervalAsync(TMessage.MessageId, TimeSpan.FromSeconds(1 / hertz), cancellationToken);
    }

    /// <summary>Stops streaming message <paramref name="messageId"/> (interval -1).</summary>
    public Task DisableAsync(uint messageId, CancellationToken cancellationToken) => SetAsync(messageId, -1, cancellationToken);

    /// <summary>Returns message <paramref name="messageId"/> to the autopilot's default rate (interval 0).</summary>
    public Task ResetAsync(uint messageId, CancellationToken cancellationToken) => SetAsync(messageId, 0, cancellationToken);

    /// <summary>Asks for one <typeparamref name="TMessage"/> and returns it.</summary>
    /// <exception cref="MavlinkCommandException">The vehicle refused the request.</exception>
    /// <exception cref="MavlinkTimeoutException">The request or the message went unanswered.</exception>
    public async Task<TMessage> RequestAsync<TMessage>(CancellationToken cancellationToken, float param2 = 0)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        using var answers = vehicle.Subscribe<TMessage>();
        await commands.RunAsync(new CommandLong { Command = MavCmd.RequestMessage, Param1 = TMessage.MessageId, Param2 = param2 }, cancellationToken).ConfigureAwait(false);
        try
        {
            return await answers.NextAsync(MessageTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new MavlinkTimeoutException($"REQUEST_MESSAGE {TMessage.Info.Name}", vehicle.Target, 1, MessageTimeout);
        }
    }

    private Task SetAsync(uint messageId, float intervalMicroseconds, CancellationToken cancellationToken) =>
        commands.RunAsync(new CommandLong { Command = MavCmd.SetMessageInterval, Param1 = messageId, Param2 = intervalMicroseconds }, cancellationToken);
}
