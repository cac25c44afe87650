using RafeCast.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>Registers the `rafecast fly` verb.</summary>
internal static class FlyCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<NotBuiltCommand>("fly")
            .WithDescription("Fly a vehicle from an interactive console (or --exec a list of commands).")
            .WithData("the pilot console (issue #4)");
    }
}
