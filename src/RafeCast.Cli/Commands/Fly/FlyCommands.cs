using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>Registers the `rafecast fly` verb.</summary>
internal static class FlyCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<FlyCommand>("fly")
            .WithDescription("Fly a vehicle from an interactive console (or --exec a list of commands).")
            .WithExample("fly")
            .WithExample("fly", "--connect", "tcp:127.0.0.1:5760")
            .WithExample("fly", "--exec", "arm; takeoff 30; goto -35.36 149.17; rtl");
    }
}
