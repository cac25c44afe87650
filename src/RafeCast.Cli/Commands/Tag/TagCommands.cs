using RafeCast.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Tag;

/// <summary>Registers the `rafecast tag` verb.</summary>
internal static class TagCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<NotBuiltCommand>("tag")
            .WithDescription("Tag footage with location and dome metadata from a telemetry log.")
            .WithData("retro-tagging (issue #6)");
    }
}
