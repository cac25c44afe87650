using RafeCast.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Sim;

/// <summary>Registers the `rafecast sim` verb.</summary>
internal static class SimCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<NotBuiltCommand>("sim")
            .WithDescription("Simulate one or more MAVLink drones with synthetic cameras.")
            .WithData("the drone simulator (issue #4)");
    }
}
