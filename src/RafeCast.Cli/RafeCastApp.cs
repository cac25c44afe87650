using System.Reflection;
using RafeCast.Cli.Commands.Archive;
using RafeCast.Cli.Infrastructure;
using RafeCast.Cli.Commands.Demo;
using RafeCast.Cli.Commands.Domes;
using RafeCast.Cli.Commands.Fly;
using RafeCast.Cli.Commands.Mavlink;
using RafeCast.Cli.Commands.Sim;
using RafeCast.Cli.Commands.Station;
using RafeCast.Cli.Commands.Tag;
using RafeCast.Cli.Commands.Video;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli;

/// <summary>
/// The <c>rafecast</c> verb tree. Each verb registers itself from its own folder under <c>Commands/</c>,
/// so the tree here reads like the table of contents of the tool.
/// </summary>
public static class RafeCastApp
{
    /// <summary>The informational version printed by <c>--version</c>.</summary>
    public static string Version { get; } =
        typeof(RafeCastApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";

    /// <summary>Builds the command app, optionally writing to <paramref name="console"/> (tests pass an in-memory one).</summary>
    public static CommandApp Create(IAnsiConsole? console = null)
    {
        var app = new CommandApp();
        app.Configure(config => Configure(config, console));
        return app;
    }

    internal static void Configure(IConfigurator config, IAnsiConsole? console)
    {
        config.SetApplicationName("rafecast");
        config.SetApplicationVersion(Version);
        if (console is not null)
        {
            config.ConfigureConsole(console);
        }
        config.UseStrictParsing();
        config.CancellationExitCode(130);
        config.SetExceptionHandler((ex, _) => ErrorReporter.Report(console ?? AnsiConsole.Console, ex));

        DemoCommands.Register(config);
        StationCommands.Register(config);
        FlyCommands.Register(config);
        SimCommands.Register(config);
        MavlinkCommands.Register(config);
        VideoCommands.Register(config);
        DomesCommands.Register(config);
        TagCommands.Register(config);
        ArchiveCommands.Register(config);
    }
}
