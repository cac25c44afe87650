using RafeCast.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Video;

/// <summary>Registers the `rafecast video` verb.</summary>
internal static class VideoCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("video", video =>
        {
            video.SetDescription("Ingest a video stream into an HLS ladder.");
            video.AddCommand<NotBuiltCommand>("run")
                .WithDescription("Run one stream standalone into an HLS tree.")
                .WithData("the video pipeline (issue #5)");
            video.AddCommand<NotBuiltCommand>("probe")
                .WithDescription("Print what a source carries.")
                .WithData("the video probe (issue #5)");
        });
    }
}
