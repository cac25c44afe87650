using RafeCast.Mavlink.Vehicles;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>
/// The interactive pilot console: the live status panel with the prompt under it, results and the vehicle's
/// messages printed above, history and Tab completion, a spinner in the prompt while a command waits for its
/// answer. One loop owns the display; commands run one at a time and lines typed meanwhile wait their turn.
/// </summary>
internal sealed class InteractiveConsole(
    IAnsiConsole console,
    PilotSession session,
    PilotCommandRunner runner,
    PilotOutput output,
    IReadOnlyList<IStatusContributor> contributors,
    TimeProvider time,
    Func<CancellationToken, Task<ConsoleKeyInfo?>>? readKey = null)
{
    private readonly Func<CancellationToken, Task<ConsoleKeyInfo?>> _readKey = readKey ?? (token => console.Input.ReadKeyAsync(intercept: true, token));

    private static readonly string[] Spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly HashSet<string> _parameterNames = new(StringComparer.Ordinal);
    private string _progress = string.Empty;
    private int _spin;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var completer = new PilotCompleter(
            () => FlightModes.Names(session.Selected.Autopilot),
            () => [.. _parameterNames],
            () => [.. session.Station.Vehicles.Select(v => v.Id.SystemId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Distinct()]);
        var editor = new LineEditor(completer.Complete);
        var pending = new Queue<string>();
        Task<PilotResult>? running = null;
        PilotCommand? current = null;

        void OnMessage(VehicleMessage message) => output.VehicleMessage(message);
        session.MessageReceived += OnMessage;
        try
        {
            output.Note("Type help for the commands, quit to leave. Tab completes, Up/Down go through the history.", "grey");
            await console.Live(Render(editor, null)).AutoClear(false).StartAsync(async live =>
            {
                using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(100), time);
                var tick = ticker.WaitForNextTickAsync(cancellationToken).AsTask();
                var key = _readKey(cancellationToken);
                var quit = false;
                while (!quit && !cancellationToken.IsCancellationRequested)
                {
                    var waits = new List<Task> { tick, key };
                    if (running is not null)
                    {
                        waits.Add(running);
                    }
                    var done = await Task.WhenAny(waits).ConfigureAwait(false);
                    if (done == tick)
                    {
                        tick = ticker.WaitForNextTickAsync(cancellationToken).AsTask();
                        _spin++;
                    }
                    else if (done == key)
                    {
                        var pressed = await key.ConfigureAwait(false);
                        key = _readKey(cancellationToken);
                        if (pressed is { } info)
                        {
                            switch (editor.Apply(info))
                            {
                                case EditResult.Submitted:
                                    foreach (var part in editor.Submitted.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                                    {
                                        pending.Enqueue(part);
                                    }
                                    break;
                                case EditResult.Candidates:
                                    output.Note(string.Join("  ", editor.Candidates), "grey");
                                    break;
                                case EditResult.EndOfInput:
                                    quit = true;
                                    break;
                            }
                        }
                    }
                    else if (running is not null && done == running)
                    {
                        var result = await running.ConfigureAwait(false);
                        running = null;
                        current = null;
                        _progress = string.Empty;
                        Remember(result);
                        output.Result(result);
                        if (result.Command.Verb == PilotVerb.Status)
                        {
                            output.Status(PilotStatus.Of(session, contributors, time));
                        }
                        quit = result.Quit;
                    }

                    while (!quit && running is null && pending.Count > 0)
                    {
                        var line = pending.Dequeue();
                        try
                        {
                            current = PilotCommandParser.Parse(line);
                        }
                        catch (PilotCommandException ex)
                        {
                            output.Note($"{line}: {ex.Message}", "red");
                            continue;
                        }
                        var progress = new Progress<string>(text => _progress = text);
                        running = runner.RunAsync(current, progress, cancellationToken);
                    }
                    live.UpdateTarget(Render(editor, current));
                    live.Refresh();
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C leaves the console like quit does.
        }
        finally
        {
            session.MessageReceived -= OnMessage;
        }
        return Infrastructure.ExitCodes.Success;
    }

    private void Remember(PilotResult result)
    {
        foreach (var parameter in result.Parameters)
        {
            _parameterNames.Add(parameter.Name);
        }
    }

    private IRenderable Render(LineEditor editor, PilotCommand? running)
    {
        var status = StatusPanel.Render(PilotStatus.Of(session, contributors, time));
        var prompt = $"[bold]fly {session.Selected.Id.SystemId}>[/] {WithCursor(editor.Text, editor.Cursor)}";
        if (running is null)
        {
            return new Rows(status, new Markup(prompt));
        }
        var spinner = Spinner[_spin % Spinner.Length];
        var doing = _progress.Length > 0 ? $"{_progress}, " : string.Empty;
        var busy = $"[yellow]{spinner}[/] {Markup.Escape(running.Text)}: {Markup.Escape(doing)}waiting for the vehicle's answer...";
        return new Rows(status, new Markup(busy), new Markup(prompt));
    }

    private static string WithCursor(string text, int cursor)
    {
        var under = cursor < text.Length ? text[cursor].ToString() : " ";
        return Markup.Escape(text[..cursor]) + "[invert]" + Markup.Escape(under) + "[/]" + (cursor < text.Length ? Markup.Escape(text[(cursor + 1)..]) : string.Empty);
    }
}
