using System.Net;
using System.Text.Json.Nodes;
using RafeCast.Infra.Tests.Logging;
using RafeCast.Infra.Tests.Processes;
using RafeCast.Testing;
using Xunit.Abstractions;

namespace RafeCast.Infra.Tests;

/// <summary>infra/local/run-azurite.sh runs the Azurite pinned in tools/node with the station's flags.</summary>
public sealed class LocalAzuriteScriptTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TestLogger _logger = TestLogger.For(output);
    private readonly TempDirectory _directory = new("rafecast-azurite");

    [Fact]
    public async Task Run_FreePortAndDirectory_ServesThePinnedAzuriteUntilSigterm()
    {
        var location = _directory.Combine("data");
        await using var azurite = await LocalAzurite.StartAsync(InfraPaths.AzuriteScript, FreePort.Tcp(), location, Timeout, _logger, CancellationToken.None);

        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{azurite.Port}/devstoreaccount1?comp=list"));
        var exitCode = await azurite.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        // An unsigned request is refused, by Azurite of the pinned version.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal($"Azurite-Blob/{PinnedAzuriteVersion()}", string.Join(' ', response.Headers.Server.Select(s => s.ToString())));
        Assert.True(File.Exists(Path.Combine(location, "__azurite_db_blob__.json")), $"Azurite kept no data in {location}.");
        Assert.Equal(0, exitCode);
        Assert.Contains("successfully closed", azurite.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PortThatIsNotANumber_ExitsWithAUsageError()
    {
        var result = await CliProcess.RunAsync(new CliCommand(InfraPaths.AzuriteScript, ["--port", "ten"], _directory.Path), Timeout, _logger, CancellationToken.None);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--port must be a TCP port number", result.StandardError, StringComparison.Ordinal);
    }

    private static string PinnedAzuriteVersion()
    {
        var package = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("tools", "node", "package.json")))!;
        return package["dependencies"]!["azurite"]!.GetValue<string>();
    }

    public void Dispose() => _directory.Dispose();
}
