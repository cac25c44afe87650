using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Domes;

/// <summary>Registers the `rafecast domes` verb.</summary>
internal static class DomesCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("domes", domes =>
        {
            domes.SetDescription("Work with the dome registry (GeoJSON).");
            domes.AddCommand<DomesCheckCommand>("check")
                .WithDescription("Validate a dome registry: list every problem (exit 1), or summarise its domes (exit 0).")
                .WithExample("domes", "check", "src/RafeCast.Geo/Samples/demo-city-domes.geojson");
        });
    }
}
