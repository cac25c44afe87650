using RafeCast.Mavlink.Microservices.Parameters;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>How a command ended, in the words the pilot reads.</summary>
internal enum PilotOutcome
{
    /// <summary>The vehicle accepted it.</summary>
    Accepted,

    /// <summary>The vehicle refused it for good or for now (DENIED, TEMPORARILY_REJECTED, UNSUPPORTED, ...).</summary>
    Denied,

    /// <summary>The vehicle tried and could not (FAILED), or the transfer ended in an error.</summary>
    Failed,

    /// <summary>No answer after every retry.</summary>
    TimedOut,

    /// <summary>The command could not be sent as given (an unknown mode, a file that cannot be read).</summary>
    Error,

    /// <summary>A console command that asks the vehicle nothing (help, status, wait, vehicle) and did its job.</summary>
    Done,
}

/// <summary>The result of one pilot command, for the console and for JSON lines.</summary>
internal sealed record PilotResult(PilotCommand Command, byte SystemId, PilotOutcome Outcome, string Detail, TimeSpan Elapsed)
{
    /// <summary>The autopilot's MAV_RESULT or MAV_MISSION_RESULT name, when it answered one.</summary>
    public string? VehicleResult { get; init; }

    /// <summary>STATUSTEXTs the vehicle sent while the command ran (why it refused, usually).</summary>
    public IReadOnlyList<string> StatusTexts { get; init; } = [];

    /// <summary>Parameters read, set or listed.</summary>
    public IReadOnlyList<ParameterValue> Parameters { get; init; } = [];

    /// <summary>Lines of text the command produced (help).</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    public bool Succeeded => Outcome is PilotOutcome.Accepted or PilotOutcome.Done;

    public bool Quit => Command.Verb == PilotVerb.Quit;

    /// <summary>The outcome in words: accepted, denied, failed, timed out, error, ok.</summary>
    public string Word => WordOf(Outcome);

    public static string WordOf(PilotOutcome outcome) => outcome switch
    {
        PilotOutcome.Accepted => "accepted",
        PilotOutcome.Denied => "denied",
        PilotOutcome.Failed => "failed",
        PilotOutcome.TimedOut => "timed out",
        PilotOutcome.Error => "error",
        _ => "ok",
    };
}
