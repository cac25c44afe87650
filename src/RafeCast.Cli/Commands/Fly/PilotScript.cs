using Spectre.Console;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>
/// Runs commands without the live panel: a --exec list or lines read from stdin. One result line (or JSON
/// object) per command, a telemetry snapshot after each in JSON mode, and a spinner while waiting when stdout
/// is a terminal. All succeeded: exit 0.
/// </summary>
internal sealed class PilotScript(IAnsiConsole console, PilotSession session, PilotCommandRunner runner, PilotOutput output, IReadOnlyList<IStatusContributor> contributors, TimeProvider time)
{
    /// <summary>Runs <paramref name="commands"/> in order; stops early at quit. True when every command succeeded.</summary>
    public async Task<bool> RunAsync(IEnumerable<PilotCommand> commands, CancellationToken cancellationToken)
    {
        var ok = true;
        foreach (var command in commands)
        {
            var result = await RunOneAsync(command, cancellationToken).ConfigureAwait(false);
            ok &= result.Succeeded;
            if (result.Quit)
            {
                break;
            }
        }
        return ok;
    }

    /// <summary>Reads commands from <paramref name="input"/> until it ends or one is quit; a bad line is reported and counted as a failure.</summary>
    public async Task<bool> RunAsync(TextReader input, CancellationToken cancellationToken)
    {
        var ok = true;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            IReadOnlyList<PilotCommand> commands;
            try
            {
                commands = PilotCommandParser.ParseScript(line);
            }
            catch (PilotCommandException ex)
            {
                ok = false;
                var text = line.Trim();
                output.Result(new PilotResult(new PilotCommand(text, PilotVerb.Unknown), session.Selected.Id.SystemId, PilotOutcome.Error, ex.Message, default));
                continue;
            }
            foreach (var command in commands)
            {
                var result = await RunOneAsync(command, cancellationToken).ConfigureAwait(false);
                ok &= result.Succeeded;
                if (result.Quit)
                {
                    return ok;
                }
            }
        }
        return ok;
    }

    private async Task<PilotResult> RunOneAsync(PilotCommand command, CancellationToken cancellationToken)
    {
        PilotResult result;
        if (console.Profile.Capabilities.Interactive && !output.Json && command.Verb != PilotVerb.Help)
        {
            result = await console.Status().Spinner(Spinner.Known.Dots).StartAsync($"{Markup.Escape(command.Text)}...", async context =>
            {
                var progress = new Progress<string>(text => context.Status($"{Markup.Escape(command.Text)}: {Markup.Escape(text)}..."));
                return await runner.RunAsync(command, progress, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            result = await runner.RunAsync(command, progress: null, cancellationToken).ConfigureAwait(false);
        }
        output.Result(result);
        var status = PilotStatus.Of(session, contributors, time);
        if (command.Verb == PilotVerb.Status)
        {
            output.Status(status);
        }
        else
        {
            output.Snapshot(status);
        }
        return result;
    }
}
