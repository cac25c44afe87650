using Microsoft.Extensions.Options;
using RafeCast.Video.Ladder;

namespace RafeCast.GroundStation.Configuration.Internal;

internal sealed class StationVideoOptionsValidator : IValidateOptions<StationVideoOptions>
{
    public ValidateOptionsResult Validate(string? name, StationVideoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            _ = RenditionLadder.Parse(options.Ladder);
        }
        catch (ArgumentException ex)
        {
            failures.Add(OptionsKey.Problem<StationVideoOptions>(nameof(options.Ladder), ex.Message));
        }
        if (options.SegmentSeconds is < 1 or > 10)
        {
            failures.Add(OptionsKey.Problem<StationVideoOptions>(nameof(options.SegmentSeconds), $"{options.SegmentSeconds} is outside 1 to 10."));
        }
        if (options.InputTimeoutSeconds < 0.5)
        {
            failures.Add(OptionsKey.Problem<StationVideoOptions>(nameof(options.InputTimeoutSeconds), $"{options.InputTimeoutSeconds} is below 0.5."));
        }
        if (options.DiscoveryTimeout < TimeSpan.FromMilliseconds(100) || options.DiscoveryTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add(OptionsKey.Problem<StationVideoOptions>(nameof(options.DiscoveryTimeout), $"{options.DiscoveryTimeout} is outside 00:00:00.1 to 00:05:00."));
        }
        if (options.DiscoveryAttempts is < 1 or > 100)
        {
            failures.Add(OptionsKey.Problem<StationVideoOptions>(nameof(options.DiscoveryAttempts), $"{options.DiscoveryAttempts} is outside 1 to 100."));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
