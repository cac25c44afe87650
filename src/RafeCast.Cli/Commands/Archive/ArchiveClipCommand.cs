using System.ComponentModel;
using System.Globalization;
using Azure;
using RafeCast.Cli.Infrastructure;
using RafeCast.Geo.Sidecars;
using RafeCast.Storage.Archive;
using RafeCast.Video.Ffmpeg;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Archive;

/// <summary>
/// <c>rafecast archive clip FLIGHT --from ISO --to ISO --out clip.mp4</c>: one MP4 of the window from the
/// archive's segments (stream copy, no re-encode: the cut falls on the keyframe at or before --from, i.e. a
/// segment boundary), plus <c>clip.gpx</c>, <c>clip.geojson</c> and <c>clip.srt</c> for the same window,
/// written by the geo stage's sidecar writers.
/// </summary>
internal sealed class ArchiveClipCommand(IAnsiConsole console) : AsyncCommand<ArchiveClipCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FLIGHT>")]
        [Description("The flight id.")]
        public string Flight { get; init; } = string.Empty;

        [CommandOption("--from <ISO>")]
        [Description("Start of the window, UTC (e.g. 2026-11-26T10:31:00Z).")]
        public string? From { get; init; }

        [CommandOption("--to <ISO>")]
        [Description("End of the window, UTC.")]
        public string? To { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("The MP4 to write; the sidecars go beside it with the same name.")]
        public string? Out { get; init; }

        public override ValidationResult Validate()
        {
            if (From is null || To is null)
            {
                return ValidationResult.Error("--from ISO and --to ISO are required.");
            }
            if (string.IsNullOrWhiteSpace(Out) || !Out.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase))
            {
                return ValidationResult.Error("--out must name an .mp4 file.");
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        DateTimeOffset from, to;
        try
        {
            from = ArchiveQuery.ParseInstant(settings.From!, "--from");
            to = ArchiveQuery.ParseInstant(settings.To!, "--to");
        }
        catch (FormatException ex)
        {
            throw new UserFacingException(ex.Message, ExitCodes.Usage, ex);
        }
        if (to <= from)
        {
            throw new UserFacingException($"--to {settings.To} is not after --from {settings.From}.", ExitCodes.Usage);
        }
        var output = Path.GetFullPath(settings.Out!);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        await using var accounts = await ArchiveConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var account = await accounts.GetAsync(cancellationToken).ConfigureAwait(false);
        var search = new ArchiveSearch(account.Archive);
        var puller = new ArchivePuller(account.Archive);
        var work = output + ".parts";
        try
        {
            var prefix = await search.FindFlightPrefixAsync(settings.Flight, cancellationToken).ConfigureAwait(false)
                ?? throw new UserFacingException($"The archive has no flight '{settings.Flight}' (try `rafecast archive search`).", ExitCodes.Failed);
            using var manifest = await search.ManifestAsync(prefix, cancellationToken).ConfigureAwait(false)
                ?? throw new UserFacingException($"Flight '{settings.Flight}' has no flight.json yet; it is still being published.", ExitCodes.Failed);
            var segments = ClipWindow.Segments(manifest.RootElement, from, to);
            if (segments.Count == 0)
            {
                throw new UserFacingException($"Flight '{settings.Flight}' has no footage between {settings.From} and {settings.To}.", ExitCodes.Failed);
            }

            // The segments, verified against their MD5 (a resumed clip reuses what it already fetched).
            Directory.CreateDirectory(work);
            var files = new List<string>();
            foreach (var segment in segments)
            {
                var local = Path.Combine(work, Path.GetFileName(segment.Href));
                await puller.DownloadVerifiedAsync(prefix + segment.Href, local, cancellationToken).ConfigureAwait(false);
                files.Add(local);
            }
            var list = Path.Combine(work, "segments.txt");
            await File.WriteAllLinesAsync(list, files.Select(f => $"file '{f.Replace("'", "'\\''", StringComparison.Ordinal)}'"), cancellationToken).ConfigureAwait(false);
            var offset = from > segments[0].StartUtc ? from - segments[0].StartUtc : TimeSpan.Zero;
            var clipStart = segments[0].StartUtc + offset;
            var duration = (to < segments[^1].EndUtc ? to : segments[^1].EndUtc) - clipStart;
            await CutAsync(list, offset, duration, output, cancellationToken).ConfigureAwait(false);

            var gpx = await FlightGpxAsync(account.Archive, prefix, cancellationToken).ConfigureAwait(false);
            var sidecar = ClipWindow.Sidecar(Path.GetFileNameWithoutExtension(output), manifest.RootElement, segments, gpx, clipStart, clipStart + duration);
            var written = new List<string> { output };
            foreach (var (extension, write) in new (string, Action<Stream, SidecarTrack>)[] { (".gpx", GpxSidecarWriter.Write), (".geojson", GeoJsonSidecarWriter.Write), (".srt", SubRipSidecarWriter.Write) })
            {
                var path = Path.ChangeExtension(output, extension);
                await using (var stream = File.Create(path))
                {
                    write(stream, sidecar);
                }
                written.Add(path);
            }
            console.MarkupLineInterpolated($"[green]{output}[/]: {duration.TotalSeconds:F1} s from {segments.Count} segment(s), {clipStart.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} UTC on (stream copy, no re-encode).");
            foreach (var path in written.Skip(1))
            {
                console.MarkupLineInterpolated($"  {path}");
            }
            Directory.Delete(work, recursive: true);
            return 0;
        }
        catch (FfmpegExitedException ex)
        {
            throw new UserFacingException($"ffmpeg could not cut the clip: {ex.Message} {string.Join(" | ", ex.LastErrorLines.TakeLast(3))}", ExitCodes.Failed, ex);
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or PullVerificationException)
        {
            throw ArchiveConnection.Describe(ex);
        }
    }

    private static async Task CutAsync(string list, TimeSpan offset, TimeSpan duration, string output, CancellationToken cancellationToken)
    {
        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        await using var ffmpeg = new FfmpegProcess(new FfmpegStartInfo
        {
            Name = "archive clip",
            Arguments =
            [
                "-y", "-loglevel", "error",
                // Input seeking with stream copy starts at the keyframe at or before the offset: a segment boundary.
                "-ss", Seconds(offset), "-t", Seconds(duration),
                "-f", "concat", "-safe", "0", "-i", list,
                "-map", "0:v:0", "-map", "0:a?", "-c", "copy",
                // ADTS AAC from MPEG-TS needs its headers moved into the MP4 sample description.
                "-bsf:a", "aac_adtstoasc",
                "-movflags", "+faststart", "-f", "mp4", output,
            ],
        });
        ffmpeg.Start();
        try
        {
            await ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await ffmpeg.StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<string?> FlightGpxAsync(Azure.Storage.Blobs.BlobContainerClient archive, string prefix, CancellationToken cancellationToken)
    {
        await foreach (var blob in archive.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            var relative = blob.Name[prefix.Length..];
            if (!relative.Contains('/', StringComparison.Ordinal) && relative.EndsWith(".gpx", StringComparison.OrdinalIgnoreCase))
            {
                return (await archive.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
            }
        }
        return null;
    }
}
