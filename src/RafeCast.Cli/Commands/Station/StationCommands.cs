using RafeCast.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Station;

/// <summary>Registers the `rafecast station` verb.</summary>
internal static class StationCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("station", station =>
        {
            station.SetDescription("The ground-station service: links, video, tagging, publishing and the viewer page.");
            station.AddCommand<NotBuiltCommand>("run")
                .WithDescription("Run the ground station until Ctrl-C.")
                .WithData("the ground-station service (issue #8)");
        });
    }
}
