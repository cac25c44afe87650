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
            video.AddCommand<VideoRunCommand>("run")
                .WithDescription("Run one stream standalone into an HLS tree (master.m3u8 at the root of --output).")
                .WithExample("video", "run", "--input", "udp://0.0.0.0:5600", "--output", "out/cam0")
                .WithExample("video", "run", "--input", "flight.ts", "--output", "out/flight", "--ladder", "passthrough");
            video.AddCommand<VideoProbeCommand>("probe")
                .WithDescription("Print what a source carries.")
                .WithExample("video", "probe", "udp://0.0.0.0:5600");
        });
    }
}
