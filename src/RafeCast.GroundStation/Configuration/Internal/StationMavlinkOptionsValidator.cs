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
        foreach (var (property, list) in new[] { (nameof(options.Links), options.Links), (nameof(options.Forward), options.Forward) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (!MavlinkConnectionString.TryParse(list[i], out _, out var listError))
                {
                    return ValidateOptionsResult.Fail(OptionsKey.Problem<StationMavlinkOptions>(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{property}:{i}"), listError!));
                }
            }
        }
        return ValidateOptionsResult.Success;
    }
}
