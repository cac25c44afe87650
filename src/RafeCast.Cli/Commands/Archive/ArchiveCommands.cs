using RafeCast.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Archive;

/// <summary>Registers the `rafecast archive` verb.</summary>
internal static class ArchiveCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("archive", archive =>
        {
            archive.SetDescription("Search, pull and clip the tagged archive.");
            archive.AddCommand<NotBuiltCommand>("search")
                .WithDescription("Find flights and segments by dome, time, place, vehicle or pilot.")
                .WithData("archive search (issue #7)");
            archive.AddCommand<NotBuiltCommand>("pull")
                .WithDescription("Download a flight for offline viewing, verified.")
                .WithData("archive pull (issue #7)");
            archive.AddCommand<NotBuiltCommand>("clip")
                .WithDescription("Cut one MP4 with sidecars for a time window.")
                .WithData("archive clip (issue #7)");
        });
    }
}
