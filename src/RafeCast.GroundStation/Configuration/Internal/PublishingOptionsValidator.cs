using Microsoft.Extensions.Options;

namespace RafeCast.GroundStation.Configuration.Internal;

internal sealed class PublishingOptionsValidator : IValidateOptions<PublishingOptions>
{
    public ValidateOptionsResult Validate(string? name, PublishingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.StorageProbeTimeout < TimeSpan.FromSeconds(1) || options.StorageProbeTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add(OptionsKey.Problem<PublishingOptions>(nameof(options.StorageProbeTimeout), $"{options.StorageProbeTimeout} is outside 00:00:01 to 00:10:00."));
        }
        if (options.DrainTimeout < TimeSpan.Zero || options.DrainTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add(OptionsKey.Problem<PublishingOptions>(nameof(options.DrainTimeout), $"{options.DrainTimeout} is outside 00:00:00 to 00:10:00."));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
