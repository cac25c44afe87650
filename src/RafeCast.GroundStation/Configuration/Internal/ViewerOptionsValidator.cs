using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Viewer.Internal;

namespace RafeCast.GroundStation.Configuration.Internal;

internal sealed class ViewerOptionsValidator : IValidateOptions<ViewerOptions>
{
    public ValidateOptionsResult Validate(string? name, ViewerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.HlsJs is { } hlsJs && !File.Exists(hlsJs))
        {
            failures.Add(OptionsKey.Problem<ViewerOptions>(nameof(options.HlsJs), $"'{hlsJs}' does not exist (hls.js is installed by tools/setup.sh under tools/node/node_modules/hls.js/dist)."));
        }
        if (options.DomesFile is { } domesFile)
        {
            if (!File.Exists(domesFile))
            {
                failures.Add(OptionsKey.Problem<ViewerOptions>(nameof(options.DomesFile), $"'{domesFile}' does not exist."));
            }
            else
            {
                try
                {
                    DomeGeoJsonReader.Read(File.ReadAllBytes(domesFile));
                }
                catch (DomeGeoJsonException ex)
                {
                    failures.Add(OptionsKey.Problem<ViewerOptions>(nameof(options.DomesFile), $"'{domesFile}' is not a valid dome registry: {ex.Message}"));
                }
            }
        }
        if (options.TileUrlTemplate is { } tiles &&
            (!Uri.TryCreate(tiles.Replace("{z}", "0", StringComparison.Ordinal).Replace("{x}", "0", StringComparison.Ordinal).Replace("{y}", "0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
             || uri.Scheme is not ("http" or "https")
             || !tiles.Contains("{z}", StringComparison.Ordinal) || !tiles.Contains("{x}", StringComparison.Ordinal) || !tiles.Contains("{y}", StringComparison.Ordinal)))
        {
            failures.Add(OptionsKey.Problem<ViewerOptions>(nameof(options.TileUrlTemplate), $"'{tiles}' is not an http(s) URL template with {{z}}, {{x}} and {{y}}."));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
