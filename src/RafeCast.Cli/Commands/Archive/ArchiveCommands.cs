using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Archive;

/// <summary>Registers the `rafecast archive` verb: search, pull and clip the tagged archive.</summary>
internal static class ArchiveCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("archive", archive =>
        {
            archive.SetDescription("Search, pull and clip the tagged archive.");
            archive.AddCommand<ArchiveSearchCommand>("search")
                .WithDescription("Find flights and segments by dome, time, place, vehicle or pilot.")
                .WithExample("archive", "search", "--dome", "dome-harbour", "--from", "2026-11-26T00:00:00Z")
                .WithExample("archive", "search", "--near", "47.3769,8.5417,500", "--crossings", "--json");
            archive.AddCommand<ArchivePullCommand>("pull")
                .WithDescription("Download a flight for offline viewing, verified.")
                .WithExample("archive", "pull", "20261126T103000Z-v1", "--out", "flights")
                .WithExample("archive", "pull", "--query", "dome=dome-harbour crossings", "--out", "flights");
            archive.AddCommand<ArchiveClipCommand>("clip")
                .WithDescription("Cut one MP4 with sidecars for a time window.")
                .WithExample("archive", "clip", "20261126T103000Z-v1", "--from", "2026-11-26T10:31:00Z", "--to", "2026-11-26T10:32:00Z", "--out", "clip.mp4");
        });
    }
}
