using Microsoft.Extensions.Options;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Signing;

namespace RafeCast.GroundStation.Configuration.Internal;

internal sealed class StationMavlinkOptionsValidator : IValidateOptions<StationMavlinkOptions>
{
    public ValidateOptionsResult Validate(string? name, StationMavlinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Links.Count; i++)
        {
            Connection($"{nameof(options.Links)}:{i}", options.Links[i]);
        }
        for (var i = 0; i < options.Forward.Count; i++)
        {
            Connection($"{nameof(options.Forward)}:{i}", options.Forward[i]);
        }
        if (options.EffectivePilotPort is { } pilot)
        {
            Connection(nameof(options.PilotPort), pilot);
        }
        if (options.SystemId is < 1 or > 255)
        {
            failures.Add(OptionsKey.Problem<StationMavlinkOptions>(nameof(options.SystemId), $"{options.SystemId} is outside 1 to 255."));
        }
        if (options.ComponentId is < 1 or > 255)
        {
            failures.Add(OptionsKey.Problem<StationMavlinkOptions>(nameof(options.ComponentId), $"{options.ComponentId} is outside 1 to 255."));
        }
        if (options.HeartbeatInterval < TimeSpan.FromMilliseconds(100) || options.HeartbeatInterval > TimeSpan.FromSeconds(10))
        {
            failures.Add(OptionsKey.Problem<StationMavlinkOptions>(nameof(options.HeartbeatInterval), $"{options.HeartbeatInterval} is outside 00:00:00.1 to 00:00:10."));
        }
        if (options.LinkLossTimeout < TimeSpan.FromSeconds(1) || options.LinkLossTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add(OptionsKey.Problem<StationMavlinkOptions>(nameof(options.LinkLossTimeout), $"{options.LinkLossTimeout} is outside 00:00:01 to 00:10:00 (vehicles send a heartbeat every second)."));
        }
        if (options.SigningKey is { Length: > 0 } && options.SigningPassphrase is { Length: > 0 })
        {
            failures.Add(OptionsKey.Problem<StationMavlinkOptions>(nameof(options.SigningKey), $"and {OptionsKey.For<StationMavlinkOptions>(nameof(options.SigningPassphrase))} are both set; set one."));
        }
        else
        {
            try
            {
                if (options.ResolveSigningKey() is null && options.SigningPolicy != MavlinkSigningPolicy.AcceptAll)
                {
                    failures.Add(OptionsKey.Problem<StationMavlinkOptions>(nameof(options.SigningPolicy), $"{options.SigningPolicy} needs a key: set {OptionsKey.For<StationMavlinkOptions>(nameof(options.SigningKey))} or {nameof(options.SigningPassphrase)}."));
                }
            }
            catch (FormatException ex)
            {
                // The message describes the key without echoing it.
                failures.Add(OptionsKey.Problem<StationMavlinkOptions>(nameof(options.SigningKey), ex.Message));
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Connection(string property, string text)
        {
            if (!MavlinkConnectionString.TryParse(text ?? string.Empty, out var parsed, out var error))
            {
                failures.Add(OptionsKey.Problem<StationMavlinkOptions>(property, error!));
                return;
            }
            if (parsed!.Kind is MavlinkLinkKind.UdpIn or MavlinkLinkKind.TcpServer)
            {
                var key = $"{parsed.Kind}:{parsed.Port}";
                if (parsed.Port != 0 && seen.TryGetValue(key, out var other))
                {
                    failures.Add(OptionsKey.Problem<StationMavlinkOptions>(property, $"'{text}' listens on port {parsed.Port}, as {OptionsKey.For<StationMavlinkOptions>(other)} does; give each link its own port."));
                }
                seen[key] = property;
            }
        }
    }
}
