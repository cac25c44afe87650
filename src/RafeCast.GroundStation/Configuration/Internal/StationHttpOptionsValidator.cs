using Microsoft.Extensions.Options;

namespace RafeCast.GroundStation.Configuration.Internal;

internal sealed class StationHttpOptionsValidator : IValidateOptions<StationHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, StationHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StationHttpOptions.TryParseListen(options.Listen, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(OptionsKey.Problem<StationHttpOptions>(nameof(options.Listen),
                $"'{options.Listen}' is not HOST:PORT with an IP address or localhost and a port 0-65535 (e.g. {StationHttpOptions.DefaultListen}, [::1]:8080, 0.0.0.0:8080)."));
    }
}
