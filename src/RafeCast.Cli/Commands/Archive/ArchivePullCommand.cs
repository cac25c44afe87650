using System.Collections.Concurrent;
using System.ComponentModel;
using RafeCast.Cli.Infrastructure;
using RafeCast.Storage.Archive;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RafeCast.Cli.Commands.Archive;

/// <summary>
/// <c>rafecast archive pull FLIGHT|--query … --out DIR</c>: downloads flights into <c>DIR/{flight}/</c> in parallel
/// with progress bars, resumes what an interrupted pull left, verifies every file's MD5 and rewrites playlists to
/// relative paths so the copy plays offline.
/// </summary>
internal sealed class ArchivePullCommand(IAnsiConsole console) : AsyncCommand<ArchivePullCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[FLIGHT]")]
        [Description("The flight id, e.g. 20261126T103000Z-v1.")]
        public string? Flight { get; init; }

        [CommandOption("--query <QUERY>")]
        [Description("Pull every flight matching: dome=ID from=ISO to=ISO near=LAT;LON;RADIUS_M vehicle=N pilot=NAME crossings")]
        public string? Query { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where the copies go (one folder per flight).")]
        public string? Out { get; init; }

        [CommandOption("--parallel <N>")]
        [Description("Downloads at once (default 4).")]
        [DefaultValue(4)]
        public int Parallel { get; init; } = 4;

        public override ValidationResult Validate()
        {
            if ((Flight is null) == (Query is null))
            {
                return ValidationResult.Error("Give a FLIGHT or --query, not both and not neither.");
            }
            if (string.IsNullOrWhiteSpace(Out))
            {
                return ValidationResult.Error("--out DIR is required.");
            }
            return Parallel is < 1 or > 32 ? ValidationResult.Error("--parallel must be 1-32.") : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArchiveQuery? query = null;
        if (settings.Query is { } text)
        {
            try
            {
                query = ArchiveQuery.Parse(text);
            }
            catch (FormatException ex)
            {
                throw new UserFacingException($"--query: {ex.Message}", ExitCodes.Usage, ex);
            }
        }
        await using var accounts = await ArchiveConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var account = await accounts.GetAsync(cancellationToken).ConfigureAwait(false);
        var search = new ArchiveSearch(account.Archive);
        List<(string Flight, string Prefix)> flights;
        try
        {
            if (query is not null)
            {
                flights = [.. (await search.SearchAsync(query, cancellationToken).ConfigureAwait(false)).Select(f => (f.Flight, f.Prefix))];
            }
            else
            {
                var prefix = await search.FindFlightPrefixAsync(settings.Flight!, cancellationToken).ConfigureAwait(false)
                    ?? throw new UserFacingException($"The archive has no flight '{settings.Flight}' (try `rafecast archive search`).", ExitCodes.Failed);
                flights = [(settings.Flight!, prefix)];
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw ArchiveConnection.Describe(ex);
        }
        if (flights.Count == 0)
        {
            console.MarkupLine("[yellow]No flight matches; nothing to pull.[/]");
            return 0;
        }

        var puller = new ArchivePuller(account.Archive);
        var results = new List<PullResult>();
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async progress =>
            {
                foreach (var (flight, prefix) in flights)
                {
                    var (files, bytes) = await puller.SizeAsync(prefix, cancellationToken).ConfigureAwait(false);
                    var task = progress.AddTask(Markup.Escape($"{flight} ({files} files)"), maxValue: Math.Max(1, bytes));
                    var perFile = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
                    var report = new Progress<PullProgress>(p =>
                    {
                        perFile[p.Name] = p.Bytes;
                        task.Value = perFile.Values.Sum();
                    });
                    try
                    {
                        results.Add(await puller.PullAsync(prefix, Path.Combine(settings.Out!, flight), settings.Parallel, report, cancellationToken).ConfigureAwait(false));
                    }
                    catch (PullVerificationException ex)
                    {
                        throw new UserFacingException(ex.Message, ExitCodes.Failed, ex);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException and not UserFacingException)
                    {
                        throw ArchiveConnection.Describe(ex);
                    }
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            }).ConfigureAwait(false);
        foreach (var r in results)
        {
            console.MarkupLineInterpolated($"[green]{r.Directory}[/]: {r.Files} files verified ({r.BytesDownloaded:N0} bytes fetched, {r.AlreadyComplete} already complete, {r.Resumed} resumed, {r.Redownloaded} fetched again after a bad MD5).");
        }
        return 0;
    }
}
