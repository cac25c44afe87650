using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RafeCast.Cli.Infrastructure;
using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Signing;
using RafeCast.Simulator;
using RafeCast.Simulator.Camera;
using RafeCast.Simulator.Plans;
using RafeCast.Simulator.Vehicles;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Sim;

/// <summary>
/// <c>rafecast sim</c>: simulated ArduCopter-like drones with synthetic cameras on a real MAVLink link, until
/// <c>--duration</c> is up or Ctrl-C.
/// </summary>
internal sealed class SimCommand(IAnsiConsole console) : AsyncCommand<SimCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--vehicles <N>")]
        [Description("Number of vehicles, system ids 1..N (default 1).")]
        public int Vehicles { get; init; } = 1;

        [CommandOption("--connect <CONN>")]
        [Description("The MAVLink link: udpout:HOST:PORT (default udpout:127.0.0.1:14550, like a vehicle's radio), udpin:HOST:PORT or tcpin:HOST:PORT (a ground station connects to us), tcp:HOST:PORT, serial:DEVICE[[:BAUD]].")]
        public string Connect { get; init; } = SimulatorSession.DefaultConnection;

        [CommandOption("--video <URL>")]
        [Description("Vehicle 1's camera stream: udp://HOST:PORT (MPEG-TS) or srt://HOST:PORT[[?options]]; vehicle N uses port + N - 1. Default udp://127.0.0.1:5601.")]
        public string? Video { get; init; }

        [CommandOption("--no-video")]
        [Description("No cameras (no ffmpeg).")]
        public bool NoVideo { get; init; }

        [CommandOption("--plan <FILE>")]
        [Description("A QGroundControl .plan or QGC WPL 110 file: every vehicle loads it, arms, takes off and flies it in AUTO.")]
        public string? Plan { get; init; }

        [CommandOption("--autofly <FROM>")]
        [Description("Fly a straight path back and forth: --autofly FROM TO, each LAT,LON in degrees (e.g. --autofly -35.362360,149.154227 -35.362360,149.179534).")]
        public string? AutoflyFrom { get; init; }

        [CommandArgument(0, "[TO]")]
        [Description("The far end of the --autofly path (LAT,LON).")]
        public string? AutoflyTo { get; init; }

        [CommandOption("--altitude <METRES>")]
        [Description("Altitude of the --autofly path above home (default 30).")]
        public double Altitude { get; init; } = FlightPlan.DefaultAutoflyAltitude;

        [CommandOption("--home <LAT,LON,ALT>")]
        [Description("Home of vehicle 1 (default ArduPilot SITL's: -35.363261,149.165230,584); the others stand 20 m apart.")]
        public string? Home { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed of every random choice (GPS error, satellites, gusts); the same seed flies the same way. Default: a random one, printed.")]
        public int? Seed { get; init; }

        [CommandOption("--duration <SECONDS>")]
        [Description("Stop after this many seconds. Default: until Ctrl-C.")]
        public double? Duration { get; init; }

        [CommandOption("--wind <SPEED,FROM>")]
        [Description("Wind in m/s and the direction it blows from in degrees (default from 180), e.g. --wind 6,270.")]
        public string? Wind { get; init; }

        [CommandOption("--signing-key <HEX>")]
        [Description("MAVLink 2 signing: 32-byte key in hex. Every frame is signed; unsigned commands are dropped.")]
        public string? SigningKey { get; init; }

        [CommandOption("--signing-passphrase <TEXT>")]
        [Description("Signing key from a passphrase (SHA-256, as Mission Planner and QGroundControl derive it).")]
        public string? SigningPassphrase { get; init; }

        [CommandOption("--link-loss <AT,SECONDS>")]
        [Description("Fault: at AT seconds after start, lose the link for SECONDS (nothing sent or received; sequence numbers go on).")]
        public string? LinkLoss { get; init; }

        [CommandOption("--video-stop <AT,SECONDS>")]
        [Description("Fault: at AT seconds, stop every camera for SECONDS, then restart it.")]
        public string? VideoStop { get; init; }

        [CommandOption("--gps-delay <SECONDS>")]
        [Description("Seconds before the GPS has a 3D fix (arming in GUIDED waits for it). Default 0.")]
        public double GpsDelay { get; init; }

        [CommandOption("--status <SECONDS>")]
        [Description("Print each vehicle's state every SECONDS (default 5; 0 for never).")]
        public double Status { get; init; } = 5;

        [CommandOption("-q|--quiet")]
        [Description("Only warnings and errors (no status texts, no state lines).")]
        public bool Quiet { get; init; }

        public override ValidationResult Validate()
        {
            if (Vehicles is < 1 or > 250)
            {
                return ValidationResult.Error($"--vehicles must be 1 to 250 (got {Vehicles}).");
            }
            if (NoVideo && Video is not null)
            {
                return ValidationResult.Error("--video and --no-video contradict each other; give one.");
            }
            if (Plan is not null && AutoflyFrom is not null)
            {
                return ValidationResult.Error("--plan and --autofly both give a flight; give one.");
            }
            if (AutoflyFrom is not null && AutoflyTo is null)
            {
                return ValidationResult.Error("--autofly needs two positions: --autofly FROM TO (each LAT,LON).");
            }
            if (AutoflyFrom is null && AutoflyTo is not null)
            {
                return ValidationResult.Error($"Unexpected argument '{AutoflyTo}' (a position is only taken after --autofly FROM).");
            }
            if (SigningKey is not null && SigningPassphrase is not null)
            {
                return ValidationResult.Error("--signing-key and --signing-passphrase both give a key; give one.");
            }
            if (Duration is <= 0)
            {
                return ValidationResult.Error("--duration must be positive.");
            }
            if (Altitude is <= 0 or > 500)
            {
                return ValidationResult.Error("--altitude must be above 0 and at most 500 m.");
            }
            if (GpsDelay < 0 || Status < 0)
            {
                return ValidationResult.Error("--gps-delay and --status cannot be negative.");
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = BuildOptions(settings, Random.Shared.Next(1, 100_000));
        var linkLoss = ParseFault(settings.LinkLoss, "--link-loss");
        var videoStop = ParseFault(settings.VideoStop, "--video-stop");
        if (videoStop is not null && options.Camera is null)
        {
            throw new UserFacingException("--video-stop needs the cameras; drop --no-video.", ExitCodes.Usage);
        }
        using var loggers = new ConsoleLoggerFactory(console, settings.Quiet ? LogLevel.Warning : LogLevel.Information, TimeProvider.System);

        SimulatorSession session;
        try
        {
            session = await SimulatorSession.StartAsync(options, settings.Connect, TimeProvider.System, loggers, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw new UserFacingException($"--connect {ex.Message}", ExitCodes.Usage, ex);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"Cannot open {settings.Connect}: {ex.Message}", ExitCodes.Unavailable, ex);
        }

        await using (session.ConfigureAwait(false))
        {
            PrintStart(session, options, settings);
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (settings.Duration is { } duration)
            {
                run.CancelAfter(TimeSpan.FromSeconds(duration));
            }
            var faults = RunFaultsAsync(session.Simulator, linkLoss, videoStop, run.Token);
            try
            {
                await ReportAsync(session, settings, run.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                // --duration is up or Ctrl-C: both are how a simulation ends.
            }
            await faults.ConfigureAwait(false);
            Line(string.Create(CultureInfo.InvariantCulture,
                $"Stopped: {session.Simulator.FramesSent} frames sent, {session.Simulator.FramesReceived} received, {session.Link.Link.RefusedFrames} refused (signing), {session.Simulator.FramesDropped} lost to the link-loss fault."));
        }
        return ExitCodes.Success;
    }

    /// <summary>The options <paramref name="settings"/> ask for; <paramref name="randomSeed"/> when no --seed.</summary>
    internal static SimulatorOptions BuildOptions(Settings settings, int randomSeed)
    {
        try
        {
            FlightPlan? plan = null;
            if (settings.Plan is { } file)
            {
                plan = FlightPlan.Load(file);
            }
            else if (settings.AutoflyFrom is { } from)
            {
                plan = FlightPlan.Autofly(FlightPlan.ParsePoint(from), FlightPlan.ParsePoint(settings.AutoflyTo!), settings.Altitude);
            }
            var (windSpeed, windFrom) = ParseWind(settings.Wind);
            return new SimulatorOptions
            {
                Vehicles = settings.Vehicles,
                Home = settings.Home is null ? DroneSimulator.DefaultHome : ParseHome(settings.Home),
                Seed = settings.Seed ?? randomSeed,
                Plan = plan,
                AutoStart = plan is not null,
                GpsLockDelay = TimeSpan.FromSeconds(settings.GpsDelay),
                WindSpeed = windSpeed,
                WindDirectionDegrees = windFrom,
                SigningKey = ParseKey(settings),
                Camera = settings.NoVideo ? null : new CameraOptions { Url = settings.Video ?? CameraOptions.DefaultUrl },
            }.Validated();
        }
        catch (Exception ex) when (ex is FlightPlanException or ArgumentException or FormatException)
        {
            throw new UserFacingException(ex.Message, ExitCodes.Usage, ex);
        }
    }

    private static MavlinkSigningKey? ParseKey(Settings settings)
    {
        if (settings.SigningPassphrase is { } passphrase)
        {
            return MavlinkSigningKey.FromPassphrase(passphrase);
        }
        return settings.SigningKey is { } hex ? MavlinkSigningKey.FromHex(hex) : null;
    }

    private static GeoPosition ParseHome(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var point = FlightPlan.ParsePoint(parts.Length >= 2 ? $"{parts[0]},{parts[1]}" : text);
        var altitude = DroneSimulator.DefaultHome.AltitudeAmsl;
        if (parts.Length == 3 && !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out altitude))
        {
            throw new FormatException($"--home '{text}': '{parts[2]}' is not an altitude in metres.");
        }
        if (parts.Length > 3)
        {
            throw new FormatException($"--home '{text}' must be LAT,LON or LAT,LON,ALT.");
        }
        return new GeoPosition(point.Latitude, point.Longitude, altitude, 0);
    }

    private static (double Speed, double From) ParseWind(string? text)
    {
        if (text is null)
        {
            return (0, 180);
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) || speed < 0
            || (parts.Length == 2 && !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"--wind '{text}' must be SPEED or SPEED,FROM (m/s, degrees), e.g. 6,270.");
        }
        return (speed, parts.Length == 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 180);
    }

    /// <summary>Parses AT,SECONDS of a fault option.</summary>
    internal static (TimeSpan At, TimeSpan For)? ParseFault(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var at) && at >= 0
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return (TimeSpan.FromSeconds(at), TimeSpan.FromSeconds(seconds));
        }
        throw new UserFacingException($"{option} '{text}' must be AT,SECONDS (seconds after start, then how long), e.g. 30,10.", ExitCodes.Usage);
    }

    private static async Task RunFaultsAsync(DroneSimulator simulator, (TimeSpan At, TimeSpan For)? linkLoss, (TimeSpan At, TimeSpan For)? videoStop, CancellationToken cancellationToken)
    {
        async Task LinkLossAsync((TimeSpan At, TimeSpan For) fault)
        {
            await Task.Delay(fault.At, cancellationToken).ConfigureAwait(false);
            simulator.LoseLink(fault.For);
        }

        async Task VideoStopAsync((TimeSpan At, TimeSpan For) fault)
        {
            await Task.Delay(fault.At, cancellationToken).ConfigureAwait(false);
            simulator.StopVideo();
            try
            {
                await Task.Delay(fault.For, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                simulator.RestartVideo();
            }
        }

        try
        {
            await Task.WhenAll(
                linkLoss is { } loss ? LinkLossAsync(loss) : Task.CompletedTask,
                videoStop is { } stop ? VideoStopAsync(stop) : Task.CompletedTask).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void PrintStart(SimulatorSession session, SimulatorOptions options, Settings settings)
    {
        Line(string.Create(CultureInfo.InvariantCulture,
            $"Simulating {options.Vehicles} vehicle(s) on {settings.Connect}, seed {options.Seed}{(options.SigningKey is { } key ? $", signing (key {key.Fingerprint})" : string.Empty)}{(options.Plan is { } plan ? $", flying {plan.Source}" : string.Empty)}."));
        foreach (var vehicle in session.Simulator.Vehicles)
        {
            var snapshot = vehicle.Snapshot();
            var camera = session.Simulator.Camera(vehicle.SystemId);
            Line(string.Create(CultureInfo.InvariantCulture,
                $"  vehicle {vehicle.SystemId}: home {snapshot.Home.Latitude:F6},{snapshot.Home.Longitude:F6}, camera {(camera is null ? "off" : RafeCast.Video.Sources.VideoSource.Redact(camera.Uri))}"));
        }
    }

    private async Task ReportAsync(SimulatorSession session, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Status <= 0 || settings.Quiet)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.Status));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var vehicle in session.Simulator.Vehicles)
            {
                Line(StatusLine(vehicle.Snapshot()));
            }
        }
    }

    /// <summary>One whole line on stdout (never wrapped: scripts and logs read it).</summary>
    private void Line(string text)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            console.WriteLine(text);
            return;
        }
        console.Profile.Out.Writer.WriteLine(text);
        console.Profile.Out.Writer.Flush();
    }

    internal static string StatusLine(VehicleSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"  vehicle {s.SystemId}: {CopterModes.Name(s.Mode),-9} {(s.Armed ? "armed   " : "disarmed")} {s.Position.Latitude:F6},{s.Position.Longitude:F6} alt {s.Position.AltitudeRelative,5:F1} m  {s.GroundSpeed,4:F1} m/s  hdg {s.HeadingDegrees,3:F0}  battery {s.BatteryRemainingPercent,3:F0}%{(s.MissionCount > 0 ? $"  mission {s.MissionCurrent}/{s.MissionCount}" : string.Empty)}{(s.VideoStreaming ? "  video" : string.Empty)}");
}
