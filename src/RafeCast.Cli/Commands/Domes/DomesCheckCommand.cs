using System.ComponentModel;
using System.Globalization;
using RafeCast.Cli.Infrastructure;
using RafeCast.Geo.Domes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Domes;

/// <summary>
/// <c>rafecast domes check FILE</c>: prints each problem of a dome registry (feature, id, what, where) and exits 1,
/// or prints a summary table (id, name, kind, area, height, validity) and exits 0. A missing file is a usage error (2).
/// </summary>
internal sealed class DomesCheckCommand(IAnsiConsole console) : Command<DomesCheckCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The dome registry: a GeoJSON FeatureCollection of Polygon / MultiPolygon features.")]
        public string File { get; init; } = string.Empty;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!System.IO.File.Exists(settings.File))
        {
            throw new UserFacingException($"The dome registry {settings.File} does not exist.", ExitCodes.Usage);
        }
        var result = DomeRegistryReader.ReadFile(settings.File);
        if (!result.IsValid)
        {
            console.MarkupLineInterpolated($"[red]{settings.File}: {result.Problems.Count} problem(s)[/]");
            foreach (var problem in result.Problems)
            {
                // Raw lines: a JSON path must not be wrapped or read as markup.
                PlainOutput.WriteLine(console, "  " + problem);
            }
            return ExitCodes.Failed;
        }

        var registry = result.ToRegistry();
        // Plain aligned columns, not a box table: the output is read in terminals, piped and grepped alike.
        var rows = new List<string[]> { new[] { "ID", "NAME", "KIND", "AREA_KM2", "HEIGHT_M", "VALID" } };
        for (var i = 0; i < registry.Count; i++)
        {
            var dome = registry.Domes[i];
            rows.Add([
                dome.Id,
                dome.Name,
                dome.Kind,
                (registry.AreaSquareMetres(i) / 1e6).ToString("F3", CultureInfo.InvariantCulture),
                dome.HeightMetres?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-",
                Validity(dome.Validity),
            ]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            PlainOutput.WriteLine(console, string.Join("  ", row.Select((cell, c) => c is 3 or 4 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }
        console.MarkupLineInterpolated($"[green]{settings.File}: {registry.Count} dome(s), no problems[/]");
        return ExitCodes.Success;
    }

    private static string Validity(Core.Domes.ValidityInterval validity) => (validity.From, validity.To) switch
    {
        (null, null) => "always",
        ({ } from, null) => $"from {from.UtcDateTime:yyyy-MM-dd HH:mm}Z",
        (null, { } to) => $"until {to.UtcDateTime:yyyy-MM-dd HH:mm}Z",
        ({ } from, { } to) => $"{from.UtcDateTime:yyyy-MM-dd HH:mm}Z to {to.UtcDateTime:yyyy-MM-dd HH:mm}Z",
    };
}

/// <summary>Writes lines straight to the console's output, bypassing Spectre's wrapping and markup.</summary>
internal static class PlainOutput
{
    public static void WriteLine(IAnsiConsole console, string line)
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(line);
        writer.Write('\n');
    }
}
