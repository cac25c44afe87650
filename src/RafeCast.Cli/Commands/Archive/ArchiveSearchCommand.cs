using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RafeCast.Storage.Archive;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Archive;

/// <summary>
/// <c>rafecast archive search [--dome ID|outside] [--from ISO] [--to ISO] [--near LAT,LON,RADIUS_M] [--vehicle N]
/// [--pilot NAME] [--crossings] [--json]</c>: a table of matching flights, or one JSON object per line.
/// </summary>
internal sealed class ArchiveSearchCommand(IAnsiConsole console) : AsyncCommand<ArchiveSearchCommand.Settings>
{
    internal sealed class Settings : ArchiveFilterSettings
    {
        [CommandOption("--json")]
        [Description("One JSON object per flight per line instead of a table.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var query = settings.ToQuery();
        await using var accounts = await ArchiveConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<FlightMatch> found;
        try
        {
            var account = await accounts.GetAsync(cancellationToken).ConfigureAwait(false);
            found = await new ArchiveSearch(account.Archive).SearchAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw ArchiveConnection.Describe(ex);
        }
        if (settings.Json)
        {
            foreach (var flight in found)
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(SearchLine.From(flight), SearchJson.Default.SearchLine));
            }
            return 0;
        }
        WriteTable(console, found);
        return 0;
    }

    /// <summary>The flights as a table (what an editor sees), or a line saying none matched.</summary>
    internal static void WriteTable(IAnsiConsole console, IReadOnlyList<FlightMatch> found)
    {
        if (found.Count == 0)
        {
            console.MarkupLine("[yellow]No flight matches.[/]");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("flight", "vehicle", "pilot", "start (UTC)", "duration", "domes", "crossings", "segments");
        foreach (var f in found)
        {
            table.AddRow(
                Markup.Escape(f.Flight),
                f.Vehicle.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(f.Pilot ?? "-"),
                f.StartUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                f.Duration.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", f.Domes)),
                f.Crossings.ToString(CultureInfo.InvariantCulture),
                f.Segments.Count.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(table);
        console.MarkupLineInterpolated($"{found.Count} flight(s), {found.Sum(f => f.Segments.Count)} segment(s).");
    }
}

/// <summary>One line of <c>archive search --json</c>: a contract for scripts; add fields, never rename them.</summary>
internal sealed record SearchLine(
    [property: JsonPropertyName("flight")] string Flight,
    [property: JsonPropertyName("vehicle")] int Vehicle,
    [property: JsonPropertyName("pilot")] string? Pilot,
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End,
    [property: JsonPropertyName("duration_s")] double DurationSeconds,
    [property: JsonPropertyName("domes")] IReadOnlyList<string> Domes,
    [property: JsonPropertyName("crossings")] int Crossings,
    [property: JsonPropertyName("segments")] int Segments,
    [property: JsonPropertyName("prefix")] string Prefix)
{
    public static SearchLine From(FlightMatch f) => new(f.Flight, f.Vehicle, f.Pilot,
        f.StartUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        f.EndUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        f.Duration.TotalSeconds, f.Domes, f.Crossings, f.Segments.Count, f.Prefix);
}

[JsonSerializable(typeof(SearchLine))]
internal sealed partial class SearchJson : JsonSerializerContext;
