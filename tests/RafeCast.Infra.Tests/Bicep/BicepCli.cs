using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RafeCast.Infra.Tests.Processes;

namespace RafeCast.Infra.Tests.Bicep;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 NuGet package, run as a real process for
/// each command (through <see cref="CliProcess"/>), always inside a <see cref="NetworkSandbox"/>: every
/// check proves on the way that Bicep needs no network. Diagnostics are read as SARIF, not scraped
/// from text.
/// </summary>
public sealed class BicepCli(string executablePath, ILogger logger)
{
    private static readonly Lazy<string> Packaged = new(FindPackagedExecutable);

    /// <summary>The CLI restored from NuGet; its path is baked into this assembly at build time.</summary>
    public static string PackagedExecutable => Packaged.Value;

    /// <summary>How long one command may run; generous because the machine may be busy.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(90);

    public static BicepCli FromPackage(ILogger logger) => new(PackagedExecutable, logger);

    /// <summary>The CLI's version line, e.g. "Bicep CLI version 0.49.2 (b34271ac51)".</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(["--version"], Path.GetTempPath(), cancellationToken).ConfigureAwait(false);
        return result.EnsureSuccess().StandardOutput.Trim();
    }

    /// <summary><c>bicep build</c>: the ARM template JSON and every compiler and linter diagnostic.</summary>
    public async Task<BicepCompilation> BuildAsync(string bicepFile, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["build", bicepFile, "--stdout", "--diagnostics-format", "sarif"], DirectoryOf(bicepFile), cancellationToken).ConfigureAwait(false);
        var diagnostics = ParseSarif(result.StandardError, result);
        return new BicepCompilation(result.ExitCode == 0 ? ParseObject(result.StandardOutput, result) : null, RequireExplained(diagnostics, result));
    }

    /// <summary><c>bicep lint</c>: every compiler and linter diagnostic.</summary>
    public async Task<IReadOnlyList<BicepDiagnostic>> LintAsync(string bicepFile, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["lint", bicepFile, "--diagnostics-format", "sarif"], DirectoryOf(bicepFile), cancellationToken).ConfigureAwait(false);
        return RequireExplained(ParseSarif(result.StandardOutput, result), result);
    }

    /// <summary><c>bicep build-params</c>: the ARM parameters JSON of a .bicepparam file, checked against its template.</summary>
    public async Task<BicepCompilation> BuildParamsAsync(string parametersFile, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["build-params", parametersFile, "--stdout", "--diagnostics-format", "sarif"], DirectoryOf(parametersFile), cancellationToken).ConfigureAwait(false);
        var diagnostics = RequireExplained(ParseSarif(result.StandardError, result), result);
        if (result.ExitCode != 0)
        {
            return new BicepCompilation(null, diagnostics);
        }
        // --stdout prints both files, each as a JSON string inside one object.
        var parametersJson = ParseObject(result.StandardOutput, result)["parametersJson"]?.GetValue<string>()
            ?? throw new CliProcessException($"bicep build-params printed no parametersJson: {result.Command}");
        return new BicepCompilation(ParseObject(parametersJson, result), diagnostics);
    }

    /// <summary><c>bicep format</c>: the file as Bicep's formatter would write it (the file is not changed).</summary>
    public async Task<string> FormatAsync(string file, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["format", file, "--stdout"], DirectoryOf(file), cancellationToken).ConfigureAwait(false);
        return result.EnsureSuccess().StandardOutput;
    }

    /// <summary>
    /// <c>bicep snapshot</c>: the deployment a .bicepparam file would make in <paramref name="scope"/>,
    /// evaluated offline (names, ids, conditions), written beside the file as NAME.snapshot.json.
    /// </summary>
    public async Task<JsonObject> SnapshotAsync(string parametersFile, DeploymentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var result = await RunAsync(
            [
                "snapshot", parametersFile, "--mode", "overwrite",
                "--subscription-id", scope.SubscriptionId.ToString(),
                "--resource-group", scope.ResourceGroup,
                "--location", scope.Location,
            ],
            DirectoryOf(parametersFile),
            cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess();
        var snapshotFile = Path.ChangeExtension(parametersFile, ".snapshot.json");
        var text = await File.ReadAllTextAsync(snapshotFile, cancellationToken).ConfigureAwait(false);
        return ParseObject(text, result);
    }

    private Task<CliProcessResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        CliProcess.RunAsync(NetworkSandbox.Isolate(new CliCommand(executablePath, arguments, workingDirectory)), Timeout, logger, cancellationToken);

    private static string DirectoryOf(string file) =>
        Path.GetDirectoryName(Path.GetFullPath(file)) ?? throw new ArgumentException($"{file} has no directory.", nameof(file));

    // A failed run must say why: an exit code without an error diagnostic is a broken tool, not a finding.
    private static IReadOnlyList<BicepDiagnostic> RequireExplained(IReadOnlyList<BicepDiagnostic> diagnostics, CliProcessResult result) =>
        result.ExitCode == 0 || diagnostics.Any(d => d.Level == BicepDiagnosticLevel.Error)
            ? diagnostics
            : throw CliProcessException.Failed(result, "bicep (without an error diagnostic)");

    private static JsonObject ParseObject(string json, CliProcessResult result)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject
                ?? throw new CliProcessException($"bicep printed JSON that is not an object: {result.Command}");
        }
        catch (JsonException e)
        {
            throw new CliProcessException($"bicep printed something that is not JSON ({e.Message}): {result.Command}", e);
        }
    }

    // SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html): runs[].results[]
    // with ruleId, level (absent means "warning", §3.27.10), message.text and a physical location.
    private static List<BicepDiagnostic> ParseSarif(string sarif, CliProcessResult result)
    {
        if (string.IsNullOrWhiteSpace(sarif))
        {
            throw CliProcessException.Failed(result, "bicep (no SARIF diagnostics printed)");
        }
        var diagnostics = new List<BicepDiagnostic>();
        var runs = ParseObject(sarif, result)["runs"]?.AsArray() ?? [];
        foreach (var finding in runs.SelectMany(run => run?["results"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            var location = finding["locations"]?[0]?["physicalLocation"];
            var uri = location?["artifactLocation"]?["uri"]?.GetValue<string>();
            diagnostics.Add(new BicepDiagnostic(
                finding["ruleId"]?.GetValue<string>() ?? "(no rule)",
                ParseLevel(finding["level"]?.GetValue<string>()),
                finding["message"]?["text"]?.GetValue<string>() ?? string.Empty,
                uri is null ? string.Empty : new Uri(uri).LocalPath,
                location?["region"]?["startLine"]?.GetValue<int>() ?? 0));
        }
        return diagnostics;
    }

    private static BicepDiagnosticLevel ParseLevel(string? level) => level switch
    {
        null or "warning" => BicepDiagnosticLevel.Warning,
        "error" => BicepDiagnosticLevel.Error,
        "note" or "none" => BicepDiagnosticLevel.Note,
        _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Unknown SARIF level '{level}'.")),
    };

    private static string FindPackagedExecutable()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepExecutable")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package is not at '{path}': run dotnet restore.");
        }
        return path;
    }
}
