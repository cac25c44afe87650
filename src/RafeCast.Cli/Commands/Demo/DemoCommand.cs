using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.Cli.Commands.Archive;
using RafeCast.Cli.Infrastructure;
using RafeCast.GroundStation;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Live;
using RafeCast.GroundStation.Observability;
using RafeCast.GroundStation.Stages;
using RafeCast.Pipeline.Events;
using RafeCast.Simulator;
using RafeCast.Simulator.Camera;
using RafeCast.Storage;
using RafeCast.Storage.Archive;
using RafeCast.Storage.Azurite;
using RafeCast.Storage.Outbox;
using RafeCast.Video.Ladder;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Demo;

/// <summary>
/// <c>rafecast demo</c>: the whole product on one machine with no configuration. It runs the ground station (every
/// stage, the viewer page), the embedded Azurite of the RafeCast data directory (persistent, so
/// <c>rafecast archive</c> finds the flights afterwards) and simulated drones with cameras flying a pass over the
/// demo city's domes; prints the viewer URL and a live summary; and when <c>--duration</c> is up or on Ctrl-C it
/// stops everything in order, publishes what is queued and prints what an editor finds in the archive.
/// </summary>
internal sealed class DemoCommand(IAnsiConsole console) : AsyncCommand<DemoCommand.Settings>
{
    /// <summary>The viewer's address unless told otherwise (another port when it is taken).</summary>
    public const int DefaultViewerPort = 8080;

    /// <summary>The pilots' port unless it is taken.</summary>
    public const int DefaultPilotPort = 14560;

    /// <summary>The first camera's UDP port unless it is taken; camera N uses the next ones.</summary>
    public const int DefaultVideoPort = 5601;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--duration <SECONDS>")]
        [Description("Stop after this many seconds. Default: until Ctrl-C.")]
        public double? Duration { get; init; }

        [CommandOption("--vehicles <N>")]
        [Description("Simulated drones, 1 to 4 (default 2). Each streams video: mind the CPU.")]
        public int Vehicles { get; init; } = 2;

        [CommandOption("--listen <HOST:PORT>")]
        [Description("Where the viewer page is served (default 127.0.0.1:8080, or a free port when 8080 is taken; port 0 picks one).")]
        public string? Listen { get; init; }

        [CommandOption("--data-dir <DIR>")]
        [Description("The RafeCast data directory (default $RAFECAST_HOME, else ~/.local/share/rafecast): spool, outbox, the embedded Azurite's archive, logs.")]
        public string? DataDirectory { get; init; }

        [CommandOption("--ladder <RUNGS>")]
        [Description("The live ladder, e.g. 720p,480p,360p (default passthrough,240p: the camera's own 360p plus a 240p rung, light on two cores).")]
        public string Ladder { get; init; } = "passthrough,240p";

        [CommandOption("--seed <N>")]
        [Description("Seed of the simulation's random choices (default: a random one, printed).")]
        public int? Seed { get; init; }

        [CommandOption("--pilot <NAME>")]
        [Description("The pilot's name tagged on the archive (default \"RafeCast demo\").")]
        public string Pilot { get; init; } = "RafeCast demo";

        [CommandOption("--status <SECONDS>")]
        [Description("Print the summary every SECONDS (default 5).")]
        public double Status { get; init; } = 5;

        [CommandOption("--ground-truth <FILE>")]
        [Description("Write the drones' true positions (JSON lines) to FILE, to check what the station archived against.")]
        public string? GroundTruth { get; init; }

        public override ValidationResult Validate()
        {
            if (Vehicles is < 1 or > 4)
            {
                return ValidationResult.Error($"--vehicles must be 1 to 4 (got {Vehicles}).");
            }
            if (Duration is <= 0)
            {
                return ValidationResult.Error("--duration must be positive.");
            }
            if (Status <= 0)
            {
                return ValidationResult.Error("--status must be positive.");
            }
            if (Listen is { } listen && !StationHttpOptions.TryParseListen(listen, out _))
            {
                return ValidationResult.Error($"--listen '{listen}' is not HOST:PORT (e.g. 127.0.0.1:8080).");
            }
            try
            {
                _ = RenditionLadder.Parse(Ladder);
            }
            catch (ArgumentException ex)
            {
                return ValidationResult.Error($"--ladder: {ex.Message}");
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var started = DateTimeOffset.UtcNow;
        var data = Path.GetFullPath(settings.DataDirectory ?? RafeCastHome.Resolve());
        Directory.CreateDirectory(data);
        using var demoLock = Lock(data);
        var ports = ChoosePorts(settings);
        var seed = settings.Seed ?? Random.Shared.Next(1, 100_000);
        using var log = new DemoLog(Path.Combine(data, "logs", string.Create(CultureInfo.InvariantCulture, $"demo-{started:yyyyMMdd'T'HHmmss'Z'}.log")), WriteLogLine);

        var app = BuildStation(settings, data, ports, log);
        if (app is null)
        {
            return ExitCodes.Usage;
        }
        await using (app.ConfigureAwait(false))
        {
            if (await StartStationAsync(app, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                return failed;
            }
            // Whatever ends the run — Ctrl-C while the drones start, a simulator that cannot open its link — the
            // station is stopped in order (ffmpeg gets 'q', the outbox drains), never just disposed mid-upload.
            var stopped = false;
            try
            {
                var viewer = app.ListeningAddresses()[0];
                var loggers = app.Services.GetRequiredService<ILoggerFactory>();
                SimulatorSession simulator;
                try
                {
                    simulator = await SimulatorSession.StartAsync(new SimulatorOptions
                    {
                        Vehicles = settings.Vehicles,
                        Seed = seed,
                        Plan = DemoFlight.Plan(),
                        AutoStart = true,
                        Camera = new CameraOptions
                        {
                            Url = string.Create(CultureInfo.InvariantCulture, $"udp://127.0.0.1:{ports.Video}"),
                            WorkingDirectory = Directory.CreateDirectory(Path.Combine(data, "demo", "cameras")).FullName,
                        },
                    }, string.Create(CultureInfo.InvariantCulture, $"udpout:127.0.0.1:{ports.Vehicles}"), TimeProvider.System, loggers, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
                {
                    throw new UserFacingException($"The simulator could not open its link: {ex.Message}", ExitCodes.Unavailable, ex);
                }
                await using (simulator.ConfigureAwait(false))
                {
                    var truth = settings.GroundTruth is { } truthPath ? new GroundTruthRecorder(simulator.Simulator, truthPath) : null;
                    PrintBanner(settings, data, ports, viewer, seed, log.Path);
                    using (var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        if (settings.Duration is { } duration)
                        {
                            run.CancelAfter(TimeSpan.FromSeconds(duration));
                        }
                        try
                        {
                            await SummarizeAsync(app, settings, started, viewer, run.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (run.IsCancellationRequested)
                        {
                            // --duration is up or Ctrl-C: both are how a demo ends.
                        }
                    }
                    console.MarkupLine("[bold]Stopping[/]: video ingest stops, the last segments are tagged, flights are archived and everything queued is published…");
                    stopped = true;
                    await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                    if (truth is not null)
                    {
                        await truth.DisposeAsync().ConfigureAwait(false);
                    }
                }
                console.WriteLine(Summary(app, settings, started));
                await PrintArchiveAsync(app, started, data).ConfigureAwait(false);
            }
            finally
            {
                if (!stopped)
                {
                    await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        return ExitCodes.Success;
    }

    /// <summary>One demo per data directory at a time: a second one would share the spool.</summary>
    private static FileStream Lock(string data)
    {
        var path = Path.Combine(data, "demo.lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new UserFacingException($"Another rafecast demo is running on {data} (it holds {path}). Let it finish (Ctrl-C there), or give this one its own --data-dir.", ExitCodes.Unavailable, ex);
        }
    }

    private sealed record DemoPortsChosen(string Listen, bool ListenMoved, int Vehicles, int Pilot, int Video);

    private static DemoPortsChosen ChoosePorts(Settings settings)
    {
        var listen = settings.Listen;
        var moved = false;
        if (listen is null)
        {
            var port = DemoPorts.TcpFree(DefaultViewerPort) ? DefaultViewerPort : DemoPorts.FreeTcp();
            moved = port != DefaultViewerPort;
            listen = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        }
        else if (StationHttpOptions.TryParseListen(listen, out var endPoint) && endPoint.Port != 0 && !DemoPorts.TcpFree(endPoint.Port))
        {
            throw new UserFacingException($"--listen {listen}: the port is in use (another demo or station?). Pass another port, or 127.0.0.1:0 for any free one.", ExitCodes.Unavailable);
        }
        return new DemoPortsChosen(listen, moved, DemoPorts.FreeUdp(), DemoPorts.Udp(DefaultPilotPort), DemoPorts.ConsecutiveUdp(DefaultVideoPort, settings.Vehicles));
    }

    private WebApplication? BuildStation(Settings settings, string data, DemoPortsChosen ports, DemoLog log)
    {
        string[] args =
        [
            "--listen", ports.Listen,
            "--data-dir", data,
            "--pilot", settings.Pilot,
            $"--RafeCast:Mavlink:Connections:0=udpin:127.0.0.1:{ports.Vehicles.ToString(CultureInfo.InvariantCulture)}",
            $"--RafeCast:Station:Mavlink:PilotPort=udpin:127.0.0.1:{ports.Pilot.ToString(CultureInfo.InvariantCulture)}",
            $"--RafeCast:Station:Video:Ladder={settings.Ladder}",
            // Publish everything before the final archive search, however loaded the machine is.
            "--RafeCast:Station:Publishing:DrainTimeout=00:02:00",
            "--RafeCast:Station:ShutdownTimeout=00:03:00",
        ];
        // The data directory as content root: an appsettings.json where the demo happens to be started is not read.
        var builder = StationHost.CreateBuilder(args, contentRoot: data);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddProvider(log);
        // The demo decides when to stop (--duration, Ctrl-C through the CLI), not the host's console lifetime.
        builder.Services.AddSingleton<IHostLifetime, DemoLifetime>();
        builder.Services.AddRafeCastStages(builder.Configuration);
        try
        {
            return StationHost.Build(builder);
        }
        catch (StationConfigurationException ex)
        {
            ConfigurationError(ex.Failures);
            return null;
        }
    }

    private async Task<int?> StartStationAsync(WebApplication app, CancellationToken cancellationToken)
    {
        console.MarkupLine("Starting the ground station and the embedded Azurite…");
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (StationConfigurationException ex)
        {
            ConfigurationError(ex.Failures);
            return ExitCodes.Unavailable;
        }
        catch (OptionsValidationException ex)
        {
            ConfigurationError(ex.Failures);
            return ExitCodes.Usage;
        }
        catch (IOException ex)
        {
            ErrorReporter.WriteError(console, ex.Message);
            return ExitCodes.Unavailable;
        }
    }

    private void ConfigurationError(IEnumerable<string> failures)
    {
        console.MarkupLine("[red]error:[/] the demo's station cannot start:");
        foreach (var failure in failures)
        {
            console.WriteLine($"  {failure}");
        }
    }

    private void PrintBanner(Settings settings, string data, DemoPortsChosen ports, Uri viewer, int seed, string logPath)
    {
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[green bold]RafeCast demo[/]: {settings.Vehicles} simulated drone(s) with cameras fly over the demo city's domes (seed {seed}).");
        console.WriteLine($"  viewer:   {viewer}");
        if (ports.ListenMoved)
        {
            console.WriteLine($"            (port {DefaultViewerPort} is in use, so the viewer took another one)");
        }
        console.WriteLine($"  metrics:  {new Uri(viewer, "/metrics")}");
        console.WriteLine($"  data:     {data} (archive in azurite/, spool in spool/video, outbox in outbox/)");
        console.WriteLine($"  log:      {logPath}");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  pilots:   rafecast fly --connect udpout:127.0.0.1:{ports.Pilot} (through the station)"));
        console.WriteLine(settings.Duration is { } duration
            ? string.Create(CultureInfo.InvariantCulture, $"Running for {duration:0.#} s (Ctrl-C ends it sooner).")
            : "Press Ctrl-C to end it.");
    }

    private async Task SummarizeAsync(WebApplication app, Settings settings, DateTimeOffset started, Uri viewer, CancellationToken cancellationToken)
    {
        var model = app.Services.GetRequiredService<LiveStationModel>();
        var announced = new HashSet<string>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.Status));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var stream in model.Streams(liveOnly: true).Where(s => s.SegmentsPublished > 0))
            {
                if (announced.Add(stream.Id))
                {
                    console.WriteLine($"  watch {stream.Id} (vehicle {stream.Vehicle}): {new Uri(viewer, $"/watch/{stream.Id}")}");
                }
            }
            console.WriteLine(Summary(app, settings, started));
        }
    }

    private static string Summary(WebApplication app, Settings settings, DateTimeOffset started)
    {
        var model = app.Services.GetRequiredService<LiveStationModel>();
        var activity = app.Services.GetRequiredService<PipelineActivity>();
        var outbox = app.Services.GetRequiredService<DurableOutbox>();
        var latency = model.Streams(liveOnly: false).Select(s => s.PublishLatencyMs).Where(l => l is not null).DefaultIfEmpty(null).Max();
        return string.Create(CultureInfo.InvariantCulture,
            $"  {DateTimeOffset.UtcNow - started:mm\\:ss}  vehicles {model.ConnectedVehicles}/{settings.Vehicles}  flights {activity.Count(nameof(FlightStarted))}  segments published {activity.Count(nameof(SegmentPublished))}  crossings {activity.Count(nameof(DomeCrossed))}  outbox {outbox.PendingCount}{(latency is { } ms ? $"  publish latency {ms / 1000:0.00} s" : string.Empty)}");
    }

    private async Task PrintArchiveAsync(WebApplication app, DateTimeOffset started, string data)
    {
        // This run's flights: their segments start after the demo did (a few seconds' grace for the clock mapping).
        var since = started - TimeSpan.FromSeconds(5);
        var from = since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        console.WriteLine();
        console.MarkupLine($"[bold]In the archive[/] (what an editor finds with: rafecast archive search --from {from}):");
        IReadOnlyList<FlightMatch> found = [];
        try
        {
            var account = await app.Services.GetRequiredService<StorageAccountProvider>().GetAsync(CancellationToken.None).ConfigureAwait(false);
            found = await new ArchiveSearch(account.Archive).SearchAsync(new ArchiveQuery { From = since }, CancellationToken.None).ConfigureAwait(false);
            ArchiveSearchCommand.WriteTable(console, found);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ErrorReporter.WriteError(console, $"the archive could not be searched: {SecretRedactor.Describe(ex)}");
        }
        var home = RafeCastHome.Resolve();
        var env = string.Equals(Path.GetFullPath(home), data, StringComparison.Ordinal) ? string.Empty : $"RAFECAST_HOME={data} ";
        console.WriteLine();
        console.WriteLine($"Where the data is: {data}");
        console.WriteLine($"  archive  {EmbeddedAzurite.LocationUnder(data)} (the embedded Azurite; rafecast archive starts it on demand)");
        console.WriteLine($"  spool    {Path.Combine(data, "spool", "video")}");
        console.WriteLine($"  outbox   {Path.Combine(data, "outbox")} ({app.Services.GetRequiredService<DurableOutbox>().PendingCount} job(s) left)");
        if (found.FirstOrDefault(f => !f.Flight.StartsWith("ground-", StringComparison.Ordinal)) is { } flight)
        {
            var clipFrom = flight.StartUtc + TimeSpan.FromSeconds(Math.Min(10, flight.Duration.TotalSeconds / 2));
            var clipTo = clipFrom + TimeSpan.FromSeconds(Math.Min(20, Math.Max(2, (flight.EndUtc - clipFrom).TotalSeconds)));
            console.WriteLine("Try:");
            console.WriteLine($"  {env}tools/rafecast archive search --from {from} --crossings");
            console.WriteLine($"  {env}tools/rafecast archive pull {flight.Flight} --out flights");
            console.WriteLine($"  {env}tools/rafecast archive clip {flight.Flight} --from {Iso(clipFrom)} --to {Iso(clipTo)} --out clip.mp4");
        }
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void WriteLogLine(LogLevel level, string message)
    {
        var colour = level >= LogLevel.Error ? "red" : "yellow";
        console.MarkupLine($"[{colour}]{(level >= LogLevel.Error ? "error" : "warning")}:[/] {Markup.Escape(message)}");
    }

    /// <summary>No console lifetime: the CLI turns Ctrl-C and SIGTERM into the demo's cancellation.</summary>
    private sealed class DemoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
