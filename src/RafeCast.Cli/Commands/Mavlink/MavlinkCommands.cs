using RafeCast.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Mavlink;

/// <summary>Registers the `rafecast mavlink` verb.</summary>
internal static class MavlinkCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("mavlink", mavlink =>
        {
            mavlink.SetDescription("Decode and inspect MAVLink captures and live links.");
            mavlink.AddCommand<NotBuiltCommand>("dump")
                .WithDescription("Print one line per frame of a capture file or live connection.")
                .WithData("the MAVLink decoder (issue #3)");
            mavlink.AddCommand<NotBuiltCommand>("stats")
                .WithDescription("Print counters and packet loss per vehicle.")
                .WithData("the MAVLink counters (issue #3)");
        });
    }
}
