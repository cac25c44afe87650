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
            station.AddCommand<StationRunCommand>("run")
                .WithDescription("Run the ground station until Ctrl-C or SIGTERM; serves the viewer page, /healthz and /metrics.")
                .WithExample("station", "run")
                .WithExample("station", "run", "--mavlink", "tcp:127.0.0.1:5760")
                .WithExample("station", "run", "--mavlink", "serial:/dev/ttyUSB0:57600", "--forward", "udpout:127.0.0.1:14551")
                .WithExample("station", "run", "--listen", "0.0.0.0:8080", "--pilot", "Ana", "--domes", "domes.geojson")
                .WithExample("station", "run", "--", "--RafeCast:Station:Live:TrackPoints=600");
        });
    }
}
