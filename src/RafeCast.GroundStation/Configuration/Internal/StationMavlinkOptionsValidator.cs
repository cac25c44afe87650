using Microsoft.Extensions.Options;
using RafeCast.Mavlink.Links;

namespace RafeCast.GroundStation.Configuration.Internal;

internal sealed class StationMavlinkOptionsValidator : IValidateOptions<StationMavlinkOptions>
{
    public ValidateOptionsResult Validate(string? name, StationMavlinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.EffectivePilotPort is { } pilot && !MavlinkConnectionString.TryParse(pilot, out _, out var error))
        {
            return ValidateOptionsResult.Fail(OptionsKey.Problem<StationMavlinkOptions>(nameof(options.PilotPort), error!));
        }
        return ValidateOptionsResult.Success;
    }
}
