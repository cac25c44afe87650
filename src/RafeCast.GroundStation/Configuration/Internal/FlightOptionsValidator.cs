using Microsoft.Extensions.Options;

namespace RafeCast.GroundStation.Configuration.Internal;

internal sealed class FlightOptionsValidator : IValidateOptions<FlightOptions>
{
    public ValidateOptionsResult Validate(string? name, FlightOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.LinkLossTimeout < TimeSpan.Zero || options.LinkLossTimeout > TimeSpan.FromHours(1))
        {
            failures.Add(OptionsKey.Problem<FlightOptions>(nameof(options.LinkLossTimeout), $"{options.LinkLossTimeout} is outside 00:00:00 to 01:00:00."));
        }
        if (options.SettleTimeout < TimeSpan.Zero || options.SettleTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add(OptionsKey.Problem<FlightOptions>(nameof(options.SettleTimeout), $"{options.SettleTimeout} is outside 00:00:00 to 00:10:00."));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
