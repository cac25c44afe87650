using System.ComponentModel;
using System.Globalization;
using RafeCast.Cli.Infrastructure;
using RafeCast.Storage.Archive;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Archive;

/// <summary>The filters <c>rafecast archive search</c> takes.</summary>
internal class ArchiveFilterSettings : CommandSettings
{
    [CommandOption("--dome <ID>")]
    [Description("Segments inside this dome at their start, or 'outside'.")]
    public string? Dome { get; init; }

    [CommandOption("--from <ISO>")]
    [Description("Segments that start at or after this UTC time, e.g. 2026-11-26T10:00:00Z.")]
    public string? From { get; init; }

    [CommandOption("--to <ISO>")]
    [Description("Segments that start before this UTC time.")]
    public string? To { get; init; }

    [CommandOption("--near <LAT,LON,RADIUS_M>")]
    [Description("Segments within RADIUS_M metres of LAT,LON (degrees).")]
    public string? Near { get; init; }

    [CommandOption("--vehicle <N>")]
    [Description("MAVLink system id of the vehicle.")]
    public string? Vehicle { get; init; }

    [CommandOption("--pilot <NAME>")]
    [Description("The pilot's name.")]
    public string? Pilot { get; init; }

    [CommandOption("--crossings")]
    [Description("Only segments with a dome boundary crossing.")]
    public bool Crossings { get; init; }

    /// <summary>The filters as a query; bad values become usage errors naming the option.</summary>
    public ArchiveQuery ToQuery()
    {
        try
        {
            var query = new ArchiveQuery
            {
                Dome = string.IsNullOrWhiteSpace(Dome) ? null : Dome,
                From = From is null ? null : ArchiveQuery.ParseInstant(From, "--from"),
                To = To is null ? null : ArchiveQuery.ParseInstant(To, "--to"),
                Pilot = string.IsNullOrWhiteSpace(Pilot) ? null : Pilot,
                CrossingsOnly = Crossings,
                Vehicle = Vehicle is null ? null
                    : byte.TryParse(Vehicle, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
                    : throw new FormatException($"--vehicle '{Vehicle}' is not a MAVLink system id (0-255)."),
            };
            if (Near is not null)
            {
                var (centre, radius) = ArchiveQuery.ParseNear(Near);
                query = query with { Near = centre, RadiusMetres = radius };
            }
            if (query.From is { } from && query.To is { } to && to <= from)
            {
                throw new FormatException($"--to {To} is not after --from {From}.");
            }
            return query;
        }
        catch (FormatException ex)
        {
            throw new UserFacingException(ex.Message.StartsWith('\'') ? $"--near {ex.Message}" : ex.Message, ExitCodes.Usage, ex);
        }
    }
}
