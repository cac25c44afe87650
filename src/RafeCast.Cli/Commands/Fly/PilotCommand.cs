using System.Globalization;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>What a pilot command does.</summary>
internal enum PilotVerb
{
    Arm,
    Disarm,
    Takeoff,
    Land,
    Rtl,
    Mode,
    Goto,
    MissionUpload,
    MissionDownload,
    MissionClear,
    MissionStart,
    ParamGet,
    ParamSet,
    ParamList,
    Vehicle,
    Status,
    Wait,
    Help,
    Quit,

    /// <summary>A line that did not parse (reported as an error result).</summary>
    Unknown,
}

/// <summary>
/// One parsed pilot command: the text as typed, the verb and its arguments (altitudes in metres, positions in
/// degrees, durations in seconds).
/// </summary>
internal sealed record PilotCommand(string Text, PilotVerb Verb)
{
    public double Altitude { get; init; } = double.NaN;

    public double Latitude { get; init; } = double.NaN;

    public double Longitude { get; init; } = double.NaN;

    /// <summary>A mode name, a parameter name or pattern, or a file path.</summary>
    public string Argument { get; init; } = string.Empty;

    public float Value { get; init; }

    public byte SystemId { get; init; }

    public double Seconds { get; init; }

    /// <summary>True for commands that ask the vehicle something (and can be refused or time out).</summary>
    public bool TalksToVehicle => Verb is not (PilotVerb.Help or PilotVerb.Quit or PilotVerb.Status or PilotVerb.Wait or PilotVerb.Vehicle or PilotVerb.Unknown);
}

/// <summary>A line that is not a pilot command; the message says what is wrong and what would be right.</summary>
internal sealed class PilotCommandException : Exception
{
    public PilotCommandException()
        : base("Not a pilot command.")
    {
    }

    public PilotCommandException(string message)
        : base(message)
    {
    }

    public PilotCommandException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The pilot console's grammar: one command per line, or several separated by ';'.</summary>
internal static class PilotCommandParser
{
    /// <summary>The commands with their usage and what they do, in help order.</summary>
    public static readonly IReadOnlyList<(string Usage, string What)> Help =
    [
        ("arm", "arm the motors"),
        ("disarm", "disarm the motors (on the ground)"),
        ("takeoff ALT", "take off to ALT metres above home (switches to GUIDED first on ArduPilot)"),
        ("land", "land where the vehicle is"),
        ("rtl", "return to launch and land"),
        ("mode NAME", "switch flight mode (GUIDED, AUTO, LOITER, RTL, LAND, ...)"),
        ("goto LAT LON [ALT]", "fly to a position in degrees (ALT metres above home; default: the current altitude)"),
        ("mission upload FILE", "upload a QGroundControl .plan or QGC WPL 110 file"),
        ("mission download FILE", "save the vehicle's mission (.plan: QGroundControl JSON, else QGC WPL 110)"),
        ("mission clear", "delete the vehicle's mission"),
        ("mission start", "fly the mission from its first item (AUTO)"),
        ("param get NAME", "read a parameter"),
        ("param set NAME VALUE", "set a parameter"),
        ("param list [PREFIX]", "list the parameters (those starting with PREFIX)"),
        ("vehicle N", "talk to the vehicle with system id N"),
        ("status", "show the vehicle's state"),
        ("wait SECONDS", "pause a script"),
        ("help", "this list"),
        ("quit", "leave"),
    ];

    /// <summary>The first words of every command, for completion.</summary>
    public static readonly IReadOnlyList<string> Verbs = ["arm", "disarm", "takeoff", "land", "rtl", "mode", "goto", "mission", "param", "vehicle", "status", "wait", "help", "quit"];

    /// <summary>Parses a script of commands separated by ';' or new lines (blank ones and '#' comments skipped).</summary>
    public static IReadOnlyList<PilotCommand> ParseScript(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var commands = new List<PilotCommand>();
        foreach (var part in script.Split([';', '\n'], StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0 || part.StartsWith('#'))
            {
                continue;
            }
            commands.Add(Parse(part));
        }
        return commands;
    }

    /// <summary>Parses one command.</summary>
    /// <exception cref="PilotCommandException">Unknown command or bad arguments; the message names them.</exception>
    public static PilotCommand Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        var words = text.Split(' ', '\t').Where(w => w.Length > 0).ToArray();
        if (words.Length == 0)
        {
            throw new PilotCommandException("empty command; type help for the list.");
        }
        var verb = words[0].ToLowerInvariant();
        var args = words[1..];
        switch (verb)
        {
            case "arm":
                NoArguments(verb, args);
                return new PilotCommand(text, PilotVerb.Arm);
            case "disarm":
                NoArguments(verb, args);
                return new PilotCommand(text, PilotVerb.Disarm);
            case "land":
                NoArguments(verb, args);
                return new PilotCommand(text, PilotVerb.Land);
            case "rtl":
                NoArguments(verb, args);
                return new PilotCommand(text, PilotVerb.Rtl);
            case "status":
                NoArguments(verb, args);
                return new PilotCommand(text, PilotVerb.Status);
            case "help":
            case "?":
                return new PilotCommand(text, PilotVerb.Help);
            case "quit":
            case "exit":
                NoArguments(verb, args);
                return new PilotCommand(text, PilotVerb.Quit);
            case "takeoff":
                Count(args, 1, 1, "takeoff ALT (metres above home), e.g. takeoff 30");
                var altitude = Number(args[0], "ALT", "takeoff ALT (metres above home), e.g. takeoff 30");
                if (altitude is <= 0 or > 1000)
                {
                    throw new PilotCommandException($"takeoff: ALT {args[0]} must be above 0 and at most 1000 metres.");
                }
                return new PilotCommand(text, PilotVerb.Takeoff) { Altitude = altitude };
            case "mode":
                Count(args, 1, 1, "mode NAME, e.g. mode GUIDED");
                return new PilotCommand(text, PilotVerb.Mode) { Argument = args[0].ToUpperInvariant() };
            case "goto":
                {
                    const string usage = "goto LAT LON [ALT], degrees and metres above home, e.g. goto -35.36 149.17 30";
                    Count(args, 2, 3, usage);
                    var lat = Number(args[0], "LAT", usage);
                    var lon = Number(args[1], "LON", usage);
                    if (lat is < -90 or > 90 || lon is < -180 or > 180)
                    {
                        throw new PilotCommandException($"goto: {args[0]} {args[1]} is not a position (latitude within ±90, longitude within ±180 degrees).");
                    }
                    var alt = args.Length == 3 ? Number(args[2], "ALT", usage) : double.NaN;
                    if (args.Length == 3 && alt is < 0 or > 1000)
                    {
                        throw new PilotCommandException($"goto: ALT {args[2]} must be 0 to 1000 metres above home.");
                    }
                    return new PilotCommand(text, PilotVerb.Goto) { Latitude = lat, Longitude = lon, Altitude = alt };
                }
            case "mission":
                {
                    const string usage = "mission upload FILE | mission download FILE | mission clear | mission start";
                    if (args.Length == 0)
                    {
                        throw new PilotCommandException($"mission needs a subcommand: {usage}.");
                    }
                    switch (args[0].ToLowerInvariant())
                    {
                        case "upload":
                            Count(args, 2, 2, "mission upload FILE (.plan or QGC WPL 110)");
                            return new PilotCommand(text, PilotVerb.MissionUpload) { Argument = args[1] };
                        case "download":
                            Count(args, 2, 2, "mission download FILE (.plan for QGroundControl JSON, anything else for QGC WPL 110)");
                            return new PilotCommand(text, PilotVerb.MissionDownload) { Argument = args[1] };
                        case "clear":
                            Count(args, 1, 1, "mission clear");
                            return new PilotCommand(text, PilotVerb.MissionClear);
                        case "start":
                            Count(args, 1, 1, "mission start");
                            return new PilotCommand(text, PilotVerb.MissionStart);
                        default:
                            throw new PilotCommandException($"mission {args[0]}: unknown subcommand; use {usage}.");
                    }
                }
            case "param":
                {
                    const string usage = "param get NAME | param set NAME VALUE | param list [PREFIX]";
                    if (args.Length == 0)
                    {
                        throw new PilotCommandException($"param needs a subcommand: {usage}.");
                    }
                    switch (args[0].ToLowerInvariant())
                    {
                        case "get":
                            Count(args, 2, 2, "param get NAME");
                            return new PilotCommand(text, PilotVerb.ParamGet) { Argument = ParameterName(args[1]) };
                        case "set":
                            Count(args, 3, 3, "param set NAME VALUE");
                            var value = Number(args[2], "VALUE", "param set NAME VALUE");
                            return new PilotCommand(text, PilotVerb.ParamSet) { Argument = ParameterName(args[1]), Value = (float)value };
                        case "list":
                            Count(args, 1, 2, "param list [PREFIX]");
                            return new PilotCommand(text, PilotVerb.ParamList) { Argument = args.Length == 2 ? args[1].ToUpperInvariant() : string.Empty };
                        default:
                            throw new PilotCommandException($"param {args[0]}: unknown subcommand; use {usage}.");
                    }
                }
            case "vehicle":
                Count(args, 1, 1, "vehicle N (a system id, 1 to 255)");
                if (!byte.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
                {
                    throw new PilotCommandException($"vehicle: '{args[0]}' is not a system id (1 to 255).");
                }
                return new PilotCommand(text, PilotVerb.Vehicle) { SystemId = id };
            case "wait":
                Count(args, 1, 1, "wait SECONDS");
                var seconds = Number(args[0], "SECONDS", "wait SECONDS");
                if (seconds is < 0 or > 3600)
                {
                    throw new PilotCommandException($"wait: {args[0]} must be 0 to 3600 seconds.");
                }
                return new PilotCommand(text, PilotVerb.Wait) { Seconds = seconds };
            default:
                throw new PilotCommandException($"unknown command '{words[0]}'; known: {string.Join(", ", Verbs)} (type help).");
        }
    }

    private static void NoArguments(string verb, string[] args)
    {
        if (args.Length > 0)
        {
            throw new PilotCommandException($"{verb} takes no arguments (got '{string.Join(' ', args)}').");
        }
    }

    private static void Count(string[] args, int min, int max, string usage)
    {
        if (args.Length < min || args.Length > max)
        {
            throw new PilotCommandException($"usage: {usage}.");
        }
    }

    private static double Number(string text, string what, string usage)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }
        throw new PilotCommandException($"{what} '{text}' is not a number; usage: {usage}.");
    }

    private static string ParameterName(string text)
    {
        if (text.Length is 0 or > 16)
        {
            throw new PilotCommandException($"'{text}' is not a parameter name (1 to 16 characters).");
        }
        return text.ToUpperInvariant();
    }
}
