using RafeCast.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Demo;

/// <summary>Registers the `rafecast demo` verb.</summary>
internal static class DemoCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<NotBuiltCommand>("demo")
            .WithDescription("Run a simulated flight end to end: drones, ingest, tagging, publishing, viewer URL.")
            .WithData("the one-command demo (issue #8)");
    }
}
