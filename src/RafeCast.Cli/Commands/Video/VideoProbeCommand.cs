using System.ComponentModel;
using System.Globalization;
using RafeCast.Cli.Infrastructure;
using RafeCast.Video.Sources;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Video;

/// <summary>`rafecast video probe URL`: what a source carries (container, codecs, sizes, rates).</summary>
internal sealed class VideoProbeCommand(IAnsiConsole console) : AsyncCommand<VideoProbeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<URL>")]
        [Description("A source URL or file, as for `video run --input`.")]
        public string Url { get; init; } = "";

        [CommandOption("--timeout <SECONDS>")]
        [Description("Give up on a live source that sends nothing after this long. Default 15.")]
        public double Timeout { get; init; } = 15;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        VideoSource source;
        try
        {
            source = VideoSource.Parse(settings.Url);
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException)
        {
            throw new UserFacingException(ex.Message, ExitCodes.Usage, ex);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.Timeout));
        ProbeResult result;
        try
        {
            result = await VideoProbe.ProbeAsync(source, "ffprobe", timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UserFacingException($"{source.DisplayUrl} sent nothing ffprobe could read within {settings.Timeout.ToString(CultureInfo.InvariantCulture)} s.", ExitCodes.Unavailable);
        }
        catch (VideoSourceUnreadableException ex)
        {
            throw new UserFacingException(ex.Message, ExitCodes.Unavailable, ex);
        }

        console.MarkupLineInterpolated($"[blue]{source.DisplayUrl}[/]: {source.Kind}, container {result.Format}{(result.Duration is { } d ? $", {d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : "")}");
        var table = new Table().AddColumns("#", "kind", "codec", "detail", "bit rate");
        foreach (var s in result.Streams)
        {
            table.AddRow(
                s.Index.ToString(CultureInfo.InvariantCulture),
                s.Kind,
                s.Codec,
                Markup.Escape(s.Detail),
                s.BitrateBitsPerSecond is { } b ? (b / 1000).ToString(CultureInfo.InvariantCulture) + " kbit/s" : "-");
        }
        console.Write(table);
        return ExitCodes.Success;
    }
}
