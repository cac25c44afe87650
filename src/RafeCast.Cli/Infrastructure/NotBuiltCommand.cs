using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Infrastructure;

/// <summary>
/// Stands in for a verb whose stage is not built yet: says so, names the issue that builds it,
/// and exits non-zero so no script mistakes it for success.
/// </summary>
internal sealed class NotBuiltCommand(IAnsiConsole console) : Command<NotBuiltCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[ARGS]")]
        public string[] Arguments { get; init; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var what = context.Data as string ?? "this verb";
        console.MarkupLineInterpolated($"[yellow]rafecast[/]: {what} is not built yet.");
        return ExitCodes.NotBuilt;
    }
}
