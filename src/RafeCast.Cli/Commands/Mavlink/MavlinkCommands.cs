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
            mavlink.AddCommand<MavlinkDumpCommand>("dump")
                .WithDescription("Print one line per frame of a capture file or live connection.")
                .WithExample("mavlink", "dump", "flight.tlog", "--json")
                .WithExample("mavlink", "dump", "udpin:0.0.0.0:14550");
            mavlink.AddCommand<MavlinkStatsCommand>("stats")
                .WithDescription("Print counters and packet loss per vehicle.")
                .WithExample("mavlink", "stats", "flight.tlog");
        });
    }
}
