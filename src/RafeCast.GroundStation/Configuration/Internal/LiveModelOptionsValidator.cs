using Microsoft.Extensions.Options;

namespace RafeCast.GroundStation.Configuration.Internal;

internal sealed class LiveModelOptionsValidator : IValidateOptions<LiveModelOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Range(nameof(options.TrackPoints), options.TrackPoints, 2, 1_000_000);
        Range(nameof(options.Crossings), options.Crossings, 1, 100_000);
        Range(nameof(options.Gaps), options.Gaps, 1, 100_000);
        Range(nameof(options.Streams), options.Streams, 1, 10_000);
        Range(nameof(options.ClientQueue), options.ClientQueue, 8, 1_000_000);
        if (options.StreamIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add(OptionsKey.Problem<LiveModelOptions>(nameof(options.StreamIdleTimeout), $"{options.StreamIdleTimeout} must be positive."));
        }
        if (options.KeepAliveInterval < TimeSpan.FromMilliseconds(100) || options.KeepAliveInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add(OptionsKey.Problem<LiveModelOptions>(nameof(options.KeepAliveInterval), $"{options.KeepAliveInterval} is outside 00:00:00.1 to 00:05:00."));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Range(string property, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                failures.Add(OptionsKey.Problem<LiveModelOptions>(property, $"{value} is outside {min} to {max}."));
            }
        }
    }
}
