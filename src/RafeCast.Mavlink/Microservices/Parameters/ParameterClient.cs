using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Vehicles;

namespace RafeCast.Mavlink.Microservices.Parameters;

/// <summary>One parameter as the vehicle reported it.</summary>
/// <param name="Name">Parameter name (up to 16 characters).</param>
/// <param name="Value">Its value as carried in PARAM_VALUE's float (integers as their value, per the C-cast encoding ArduPilot uses).</param>
/// <param name="Type">The parameter's real type.</param>
/// <param name="Index">Its index in the vehicle's list.</param>
public readonly record struct ParameterValue(string Name, float Value, MavParamType Type, int Index);

/// <summary>Timing of the parameter protocol.</summary>
public sealed record ParameterOptions
{
    /// <summary>How long to wait for a PARAM_VALUE before asking again.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Requests of the same parameter before giving up.</summary>
    public int Attempts { get; init; } = 5;

    /// <summary>How long a full list may go quiet before the missing ones are asked for one by one.</summary>
    public TimeSpan ListGap { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The parameter protocol, client side (https://mavlink.io/en/services/parameter.html): read one, list all
/// (asking again for the ones the stream missed), and set (confirmed by the PARAM_VALUE that follows).
/// </summary>
public sealed class ParameterClient(IVehicleChannel vehicle, ParameterOptions? options = null, ILogger? logger = null)
{
    private readonly ParameterOptions _options = options ?? new ParameterOptions();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Reads parameter <paramref name="name"/>.</summary>
    /// <exception cref="MavlinkTimeoutException">No PARAM_VALUE for it after every attempt (it may not exist).</exception>
    public async Task<ParameterValue> ReadAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var values = vehicle.Subscribe<ParamValue>(v => v.GetParamId() == name);
        var request = new ParamRequestRead { TargetSystem = vehicle.Target.SystemId, TargetComponent = vehicle.Target.ComponentId, ParamIndex = -1 };
        request.SetParamId(name);
        var value = await ExchangeAsync(request, values, $"read {name}", cancellationToken).ConfigureAwait(false);
        return ToValue(value);
    }

    /// <summary>Sets <paramref name="name"/> and returns the value the vehicle now uses.</summary>
    /// <exception cref="MavlinkTimeoutException">No confirming PARAM_VALUE after every attempt.</exception>
    public async Task<ParameterValue> SetAsync(string name, float value, MavParamType type, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var values = vehicle.Subscribe<ParamValue>(v => v.GetParamId() == name);
        var set = new ParamSet { TargetSystem = vehicle.Target.SystemId, TargetComponent = vehicle.Target.ComponentId, ParamValue = value, ParamType = type };
        set.SetParamId(name);
        Log.ParameterStep(_logger, "set", vehicle.Target.ToString(), name);
        return ToValue(await ExchangeAsync(set, values, $"set {name}", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every parameter of the vehicle, by name.</summary>
    /// <exception cref="MavlinkTimeoutException">The list never started, or a missing parameter could not be fetched.</exception>
    public async Task<IReadOnlyDictionary<string, ParameterValue>> ListAsync(CancellationToken cancellationToken)
    {
        using var values = vehicle.Subscribe<ParamValue>();
        var request = new ParamRequestList { TargetSystem = vehicle.Target.SystemId, TargetComponent = vehicle.Target.ComponentId };
        var first = await ExchangeAsync(request, values, "list", cancellationToken).ConfigureAwait(false);
        var total = first.ParamCount;
        var byIndex = new Dictionary<int, ParameterValue> { [first.ParamIndex] = ToValue(first) };
        while (byIndex.Count < total)
        {
            ParamValue next;
            try
            {
                next = await values.NextAsync(_options.ListGap, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                break;
            }
            if (next.ParamIndex < total)
            {
                byIndex[next.ParamIndex] = ToValue(next);
            }
        }
        Log.ParameterStep(_logger, "list", vehicle.Target.ToString(), $"{byIndex.Count} of {total} streamed");
        for (ushort index = 0; index < total; index++)
        {
            if (byIndex.ContainsKey(index))
            {
                continue;
            }
            var wanted = index;
            using var single = vehicle.Subscribe<ParamValue>(v => v.ParamIndex == wanted);
            var read = new ParamRequestRead { TargetSystem = vehicle.Target.SystemId, TargetComponent = vehicle.Target.ComponentId, ParamIndex = (short)index };
            byIndex[index] = ToValue(await ExchangeAsync(read, single, $"read index {index}", cancellationToken).ConfigureAwait(false));
        }
        return byIndex.Values.ToDictionary(v => v.Name, StringComparer.Ordinal);
    }

    private static ParameterValue ToValue(ParamValue value) => new(value.GetParamId(), value.ParamValueValue, value.ParamType, value.ParamIndex);

    private async Task<ParamValue> ExchangeAsync<TRequest>(TRequest request, MessageSubscription<ParamValue> answers, string operation, CancellationToken cancellationToken)
        where TRequest : struct, IMavlinkMessage<TRequest>
    {
        for (var attempt = 1; attempt <= _options.Attempts; attempt++)
        {
            await vehicle.SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                return await answers.NextAsync(_options.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.ParameterStep(_logger, operation, vehicle.Target.ToString(), $"no answer to attempt {attempt}");
            }
        }
        throw new MavlinkTimeoutException($"parameter {operation}", vehicle.Target, _options.Attempts, _options.Timeout * _options.Attempts);
    }
}
