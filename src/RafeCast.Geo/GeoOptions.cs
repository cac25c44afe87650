using Microsoft.Extensions.Options;

namespace RafeCast.Geo;

/// <summary>
/// Settings of the geo tagging stage, bound from the configuration section <c>RafeCast:Geo</c>.
/// </summary>
public sealed class GeoOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "RafeCast:Geo";

    /// <summary>The dome registry (GeoJSON). Null: the demo city's sample registry shipped with the stage.</summary>
    public string? DomeRegistryPath { get; set; }

    /// <summary>
    /// Two consecutive telemetry samples further apart than this are a telemetry gap (link loss): no
    /// position is interpolated across it. Default 2 s.
    /// </summary>
    public TimeSpan GapThreshold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a sample's position still stands for an instant just after it when no newer sample has
    /// arrived (or just before it when it is the first): the newest fix usually lags the wall clock a
    /// little. Beyond this the position is unknown, never extrapolated. Default 1 s.
    /// </summary>
    public TimeSpan PositionHold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How much of each vehicle's track the live store keeps, counted back from its newest sample. Default 4 h.</summary>
    public TimeSpan TrackRetention { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The registry path to load: <see cref="DomeRegistryPath"/>, or the shipped demo-city sample.</summary>
    public string ResolveDomeRegistryPath() => DomeRegistryPath ?? SampleRegistries.DemoCityPath;
}

/// <summary>Checks <see cref="GeoOptions"/> and names the configuration key of each problem.</summary>
public sealed class GeoOptionsValidator : IValidateOptions<GeoOptions>
{
    public ValidateOptionsResult Validate(string? name, GeoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var prefix = GeoOptions.SectionName + ":";
        if (options.GapThreshold <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(GeoOptions.GapThreshold)} must be a positive time span such as 00:00:02, got {options.GapThreshold}.");
        }
        if (options.PositionHold < TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(GeoOptions.PositionHold)} must not be negative, got {options.PositionHold}.");
        }
        if (options.TrackRetention <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(GeoOptions.TrackRetention)} must be a positive time span such as 04:00:00, got {options.TrackRetention}.");
        }
        if (options.DomeRegistryPath is { } path && !File.Exists(path))
        {
            failures.Add($"{prefix}{nameof(GeoOptions.DomeRegistryPath)}: the dome registry '{path}' does not exist.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Dome registries shipped with the stage (copied next to the assembly).</summary>
public static class SampleRegistries
{
    /// <summary>
    /// The demo city's registry: seven domes around ArduPilot SITL's default home in Canberra
    /// (-35.363261, 149.165230), one with a ceiling, one valid only for a time, two overlapping.
    /// </summary>
    public static string DemoCityPath { get; } = Path.Combine(AppContext.BaseDirectory, "Samples", "demo-city-domes.geojson");
}
