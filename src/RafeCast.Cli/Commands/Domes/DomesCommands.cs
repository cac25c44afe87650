using RafeCast.Cli.Infrastructure;
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
            domes.AddCommand<NotBuiltCommand>("check")
                .WithDescription("Validate a dome registry and summarise it.")
                .WithData("the dome registry check (issue #6)");
        });
    }
}
