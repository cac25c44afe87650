using Microsoft.Extensions.Options;
using RafeCast.Geo;
using RafeCast.Geo.Domes;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// The dome registry must be valid before the station starts: every problem the reader finds is reported with
/// the key <c>RafeCast:Geo:DomeRegistryPath</c> (a missing file is reported by the geo stage's own validator).
/// </summary>
internal sealed class GeoRegistryFileValidator : IValidateOptions<GeoOptions>
{
    private const int ProblemsShown = 10;

    public ValidateOptionsResult Validate(string? name, GeoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.ResolveDomeRegistryPath();
        if (!File.Exists(path))
        {
            return options.DomeRegistryPath is null
                ? ValidateOptionsResult.Fail($"{GeoOptions.SectionName}:{nameof(GeoOptions.DomeRegistryPath)}: no registry is configured and the demo city's ({path}) is missing.")
                : ValidateOptionsResult.Success;
        }
        var read = DomeRegistryReader.ReadFile(path);
        if (read.IsValid)
        {
            return ValidateOptionsResult.Success;
        }
        var shown = read.Problems.Take(ProblemsShown).Select(p => p.ToString());
        var more = read.Problems.Count > ProblemsShown ? $"; and {read.Problems.Count - ProblemsShown} more (rafecast domes check lists them all)" : string.Empty;
        return ValidateOptionsResult.Fail(
            $"{GeoOptions.SectionName}:{nameof(GeoOptions.DomeRegistryPath)}: '{path}' is not a valid dome registry ({read.Problems.Count} problem(s)): {string.Join("; ", shown)}{more}");
    }
}
