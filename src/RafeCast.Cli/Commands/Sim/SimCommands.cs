using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Sim;

/// <summary>Registers the `rafecast sim` verb.</summary>
internal static class SimCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<SimCommand>("sim")
            .WithDescription("Simulate one or more MAVLink drones with synthetic cameras.")
            .WithExample("sim")
            .WithExample("sim", "--vehicles", "2", "--autofly", "-35.362360,149.154227", "-35.362360,149.179534")
            .WithExample("sim", "--connect", "udpin:0.0.0.0:14550", "--no-video", "--seed", "7");
    }
}
