using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Demo;

/// <summary>Registers the `rafecast demo` verb.</summary>
internal static class DemoCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<DemoCommand>("demo")
            .WithDescription("Run a simulated flight end to end: drones, ingest, tagging, publishing, viewer URL.")
            .WithExample("demo")
            .WithExample("demo", "--duration", "120")
            .WithExample("demo", "--vehicles", "1", "--ladder", "720p,480p,360p", "--listen", "0.0.0.0:8080");
    }
}
