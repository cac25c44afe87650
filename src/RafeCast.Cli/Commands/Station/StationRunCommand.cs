using System.Globalization;
using System.ComponentModel;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RafeCast.Cli.Infrastructure;
using RafeCast.GroundStation;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Stages;
using RafeCast.Mavlink;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Station;

/// <summary>
/// <c>rafecast station run</c>: the ground-station host until Ctrl-C or SIGTERM, then a graceful stop
/// (stages flush within <c>RafeCast:Station:ShutdownTimeout</c>). Settings come from appsettings.json in
/// the working directory, <c>RafeCast__...</c> environment variables, the options below, and any
/// <c>--RafeCast:...=value</c> after <c>--</c>, later ones winning.
/// </summary>
internal sealed class StationRunCommand(IAnsiConsole console) : AsyncCommand<StationRunCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--listen <HOST:PORT>")]
        [Description("Where the viewer page, /healthz and /metrics are served (default 127.0.0.1:8080; port 0 picks a free one).")]
        public string? Listen { get; init; }

        [CommandOption("--pilot <NAME>")]
        [Description("The pilot's name, shown to viewers and tagged on the archive.")]
        public string? Pilot { get; init; }

        [CommandOption("--data-dir <DIR>")]
        [Description("Where the station keeps its data (default ~/.local/share/rafecast).")]
        public string? DataDirectory { get; init; }

        [CommandOption("--domes <FILE>")]
        [Description("A dome registry (GeoJSON) to draw on the viewer's map.")]
        public string? Domes { get; init; }

        [CommandOption("--hls-dir <DIR>")]
        [Description("A local HLS tree (one folder per stream with master.m3u8) the station serves to viewers.")]
        public string? HlsDirectory { get; init; }

        [CommandOption("--mavlink <CONN>")]
        [Description("A MAVLink link to vehicles (repeatable): tcp:127.0.0.1:5760 (SITL), serial:/dev/ttyUSB0:57600 (radio), udpin:0.0.0.0:14550 (default).")]
        public string[] Mavlink { get; init; } = [];

        [CommandOption("--forward <CONN>")]
        [Description("Forward every vehicle's traffic to other ground-control software (repeatable), e.g. udpout:127.0.0.1:14551 for QGroundControl.")]
        public string[] Forward { get; init; } = [];

        [CommandOption("--pilot-port <CONN>")]
        [Description("The port `rafecast fly --connect` uses instead of the drone (default udpin:127.0.0.1:14560; none to switch it off).")]
        public string? PilotPort { get; init; }

        [CommandOption("--config <FILE>")]
        [Description("A JSON settings file in the appsettings.json shape, read after appsettings.json.")]
        public string? ConfigFile { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ConfigFile is { } file && !File.Exists(file))
        {
            throw new UserFacingException($"--config: '{file}' does not exist.", ExitCodes.Usage);
        }

        var builder = StationHost.CreateBuilder([.. HostArguments(settings), .. context.Remaining.Raw], configFile: settings.ConfigFile);
        builder.Services.AddRafeCastStages(builder.Configuration);
        WebApplication app;
        try
        {
            app = StationHost.Build(builder);
        }
        catch (StationConfigurationException ex)
        {
            return ConfigurationError(ex.Failures);
        }
        await using var _ = app.ConfigureAwait(false);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            // Validated again at start; a stage's options read only then still end up here.
            return ConfigurationError(ex.Failures);
        }
        catch (StationConfigurationException ex)
        {
            // A stage found a setting unusable at start (e.g. an unreachable storage account).
            return ConfigurationError(ex.Failures);
        }
        catch (IOException ex) when (ex.Message.StartsWith("RafeCast:", StringComparison.Ordinal))
        {
            // A stage's link or port could not be opened; the message names the key.
            ErrorReporter.WriteError(console, ex.Message);
            return ExitCodes.Unavailable;
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            console.MarkupLine("[red]error:[/] the viewer's address is taken.");
            console.WriteLine($"  {ex.Message} Another station (or program) uses that port: pass --listen with another port, or 127.0.0.1:0 for any free one.");
            return ExitCodes.Unavailable;
        }

        console.MarkupLine("[green]RafeCast ground station running[/]");
        foreach (var address in app.ListeningAddresses())
        {
            console.WriteLine($"  viewer:  {address}");
            console.WriteLine($"  health:  {new Uri(address, "/healthz")}");
            console.WriteLine($"  metrics: {new Uri(address, "/metrics")}");
        }
        console.MarkupLine("Press Ctrl-C to stop.");

        var lifetime = app.Lifetime;
        lifetime.ApplicationStopping.Register(() => console.MarkupLine("Stopping: stages are flushing…"));
        // Runs until Ctrl-C / SIGTERM (the CLI turns both into this token, the host listens too), then
        // stops the host without that token: the stages get the whole ShutdownTimeout to finish.
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        console.MarkupLine("Stopped.");
        return ExitCodes.Success;
    }

    private int ConfigurationError(IEnumerable<string> failures)
    {
        // Plain text, not markup: Spectre would turn ":Station:" in a key like RafeCast:Station:Pilot into an emoji.
        console.MarkupLine("[red]error:[/] the configuration is not valid:");
        foreach (var failure in failures)
        {
            console.WriteLine($"  {failure}");
        }
        return ExitCodes.Usage;
    }

    private static IEnumerable<string> HostArguments(Settings settings)
    {
        (string Switch, string? Value)[] options =
        [
            ("--listen", settings.Listen),
            ("--pilot", settings.Pilot),
            ("--data-dir", settings.DataDirectory),
            ("--domes", settings.Domes),
            ("--hls-dir", settings.HlsDirectory),
        ];
        foreach (var (name, value) in options)
        {
            if (value is not null)
            {
                yield return name;
                yield return value;
            }
        }
        // Vehicle links and forwarding targets are all MAVLink connections of the one station (the router joins
        // them). --mavlink replaces the configured links, --forward adds to them: the station's own keys, because
        // configuration layers merge lists by index and would mix the two.
        for (var i = 0; i < settings.Mavlink.Length; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"--{StationMavlinkOptions.SectionPath}:{nameof(StationMavlinkOptions.Links)}:{i}={settings.Mavlink[i]}");
        }
        for (var i = 0; i < settings.Forward.Length; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"--{StationMavlinkOptions.SectionPath}:{nameof(StationMavlinkOptions.Forward)}:{i}={settings.Forward[i]}");
        }
        if (settings.PilotPort is { } pilotPort)
        {
            yield return $"--{StationMavlinkOptions.SectionPath}:{nameof(StationMavlinkOptions.PilotPort)}={pilotPort}";
        }
    }
}
