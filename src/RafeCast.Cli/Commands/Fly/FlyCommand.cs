using System.ComponentModel;
using RafeCast.Cli.Infrastructure;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Signing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>
/// <c>rafecast fly</c>: the pilot console. Interactive with a live status panel on a terminal; with
/// <c>--exec</c> or commands on stdin it runs them in order and exits 0 only when all succeeded.
/// </summary>
internal sealed class FlyCommand(IAnsiConsole console) : AsyncCommand<FlyCommand.Settings>
{
    /// <summary>Where a vehicle's radio (or the simulator's default udpout) sends.</summary>
    public const string DefaultConnection = "udpin:0.0.0.0:14550";

    public sealed class Settings : CommandSettings
    {
        [CommandOption("-c|--connect <CONN>")]
        [Description("The MAVLink link: udpin:HOST:PORT (default udpin:0.0.0.0:14550), udpout:HOST:PORT, tcp:HOST:PORT (e.g. SITL's tcp:127.0.0.1:5760), tcpin:HOST:PORT, serial:DEVICE[[:BAUD]].")]
        public string Connect { get; init; } = DefaultConnection;

        [CommandOption("-e|--exec <COMMANDS>")]
        [Description("Run these commands (separated by ';') and exit: 0 when all succeeded. E.g. --exec \"arm; takeoff 30; goto -35.36 149.17; rtl\".")]
        public string? Exec { get; init; }

        [CommandOption("--json")]
        [Description("JSON lines: a \"result\" object per command and a \"telemetry\" snapshot after each.")]
        public bool Json { get; init; }

        [CommandOption("--vehicle <N>")]
        [Description("Fly the vehicle with this system id (default: the first one heard).")]
        public byte? Vehicle { get; init; }

        [CommandOption("--timeout <SECONDS>")]
        [Description("How long to wait for a vehicle's heartbeat (default 10).")]
        public double Timeout { get; init; } = 10;

        [CommandOption("--signing-key <HEX>")]
        [Description("MAVLink 2 signing: 32-byte key in hex; everything sent is signed.")]
        public string? SigningKey { get; init; }

        [CommandOption("--signing-passphrase <TEXT>")]
        [Description("Signing key from a passphrase (SHA-256, as Mission Planner and QGroundControl derive it).")]
        public string? SigningPassphrase { get; init; }

        public override ValidationResult Validate()
        {
            if (SigningKey is not null && SigningPassphrase is not null)
            {
                return ValidationResult.Error("--signing-key and --signing-passphrase both give a key; give one.");
            }
            if (Timeout is <= 0 or > 3600)
            {
                return ValidationResult.Error("--timeout must be above 0 and at most 3600 seconds.");
            }
            if (Vehicle == 0)
            {
                return ValidationResult.Error("--vehicle must be a system id from 1 to 255.");
            }
            return ValidationResult.Success();
        }
    }

    /// <summary>Fields other stages add to the status panel (current dome, broadcast state, ...).</summary>
    internal static List<IStatusContributor> Contributors { get; } = [];

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        MavlinkConnectionString connection;
        try
        {
            connection = MavlinkConnectionString.Parse(settings.Connect);
        }
        catch (FormatException ex)
        {
            throw new UserFacingException($"--connect {ex.Message}", ExitCodes.Usage, ex);
        }
        var key = ParseKey(settings);
        IReadOnlyList<PilotCommand>? script = null;
        if (settings.Exec is { } exec)
        {
            try
            {
                // The whole script is checked before anything flies.
                script = PilotCommandParser.ParseScript(exec);
            }
            catch (PilotCommandException ex)
            {
                throw new UserFacingException($"--exec: {ex.Message}", ExitCodes.Usage, ex);
            }
        }

        var time = TimeProvider.System;
        PilotSession session;
        try
        {
            session = await PilotSession.ConnectAsync(MavlinkTransports.Create(connection, time), connection.Text, key, settings.Vehicle, TimeSpan.FromSeconds(settings.Timeout), time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new UserFacingException(ex.Message, ExitCodes.Unavailable, ex);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"Cannot open {connection.Text}: {ex.Message}", ExitCodes.Unavailable, ex);
        }

        await using (session.ConfigureAwait(false))
        {
            var runner = new PilotCommandRunner(session, time);
            var interactive = script is null && !Console.IsInputRedirected && console.Profile.Capabilities.Interactive;
            var output = new PilotOutput(console, settings.Json, interactive);
            if (interactive)
            {
                return await new InteractiveConsole(console, session, runner, output, Contributors, time).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            var scripted = new PilotScript(console, session, runner, output, Contributors, time);
            var ok = script is not null
                ? await scripted.RunAsync(script, cancellationToken).ConfigureAwait(false)
                : await scripted.RunAsync(Console.In, cancellationToken).ConfigureAwait(false);
            return ok ? ExitCodes.Success : ExitCodes.Failed;
        }
    }

    private static MavlinkSigningKey? ParseKey(Settings settings)
    {
        try
        {
            if (settings.SigningPassphrase is { } passphrase)
            {
                return MavlinkSigningKey.FromPassphrase(passphrase);
            }
            return settings.SigningKey is { } hex ? MavlinkSigningKey.FromHex(hex) : null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new UserFacingException($"--signing-key: {ex.Message}", ExitCodes.Usage, ex);
        }
    }
}
