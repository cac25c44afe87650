using Microsoft.Extensions.Options;

namespace RafeCast.GroundStation.Configuration.Internal;

internal sealed class StationOptionsValidator : IValidateOptions<StationOptions>
{
    // Blob index tag values allow letters, digits, space and + - . / : = _ (the pilot name becomes one).
    private const int MaxPilotLength = 128;

    public ValidateOptionsResult Validate(string? name, StationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Pilot is { } pilot)
        {
            if (pilot.Length == 0 || pilot.Length > MaxPilotLength || string.IsNullOrWhiteSpace(pilot))
            {
                failures.Add(OptionsKey.Problem<StationOptions>(nameof(options.Pilot), $"must be 1 to {MaxPilotLength} characters, not blank."));
            }
            else if (pilot.FirstOrDefault(c => !IsTagCharacter(c)) is var bad and not '\0')
            {
                failures.Add(OptionsKey.Problem<StationOptions>(nameof(options.Pilot),
                    $"'{pilot}' holds '{bad}'; a pilot name may hold letters, digits, space and + - . / : = _ (it is written into blob index tags)."));
            }
        }
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add(OptionsKey.Problem<StationOptions>(nameof(options.DataDirectory), "must name a directory."));
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add(OptionsKey.Problem<StationOptions>(nameof(options.DataDirectory), $"'{options.DataDirectory}' is not a valid path."));
        }
        if (options.ShutdownTimeout < TimeSpan.FromSeconds(1) || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add(OptionsKey.Problem<StationOptions>(nameof(options.ShutdownTimeout),
                $"{options.ShutdownTimeout} is outside 00:00:01 to 00:10:00 (stages need time to flush, but not forever)."));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsTagCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is ' ' or '+' or '-' or '.' or '/' or ':' or '=' or '_';
}
