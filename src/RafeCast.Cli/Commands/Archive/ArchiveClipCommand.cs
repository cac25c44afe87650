using System.ComponentModel;
using RafeCast.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Archive;

/// <summary><c>rafecast archive clip FLIGHT --from ISO --to ISO --out clip.mp4</c>.</summary>
internal sealed class ArchiveClipCommand(IAnsiConsole console) : AsyncCommand<ArchiveClipCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FLIGHT>")]
        [Description("The flight id.")]
        public string Flight { get; init; } = string.Empty;

        [CommandOption("--from <ISO>")]
        [Description("Start of the window, UTC.")]
        public string? From { get; init; }

        [CommandOption("--to <ISO>")]
        [Description("End of the window, UTC.")]
        public string? To { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("The MP4 to write; sidecars go beside it.")]
        public string? Out { get; init; }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        console.MarkupLine("[yellow]rafecast[/]: archive clip needs the video stage's ffmpeg runner, which is not merged yet.");
        return Task.FromResult(ExitCodes.NotBuilt);
    }
}
