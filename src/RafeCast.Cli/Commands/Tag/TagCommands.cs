using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Tag;

/// <summary>Registers the `rafecast tag` verb.</summary>
internal static class TagCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<TagCommand>("tag")
            .WithDescription("Tag footage with location and dome metadata from a telemetry log.")
            .WithExample("tag", "--domes", "domes.geojson", "--telemetry", "flight.tlog", "--segment-seconds", "2", "--json")
            .WithExample("tag", "--domes", "domes.geojson", "--telemetry", "flight.tlog", "--playlist", "720p.m3u8", "--sidecars", "out");
    }
}
