using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using RafeCast.Testing;
using RafeCast.Testing.Processes;
using Xunit.Abstractions;

namespace RafeCast.GroundStation.Tests.Cli;

/// <summary><c>rafecast station run</c> as a real process: it serves, and SIGTERM stops it cleanly.</summary>
public sealed partial class StationRunProcessTests(ITestOutputHelper output) : IDisposable
{
    // Starting includes the embedded Azurite, which takes a while on a loaded machine.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _data = new("rafecast-station-run");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task StationRun_Sigterm_StopsGracefullyWithExitCodeZero()
    {
        var viewer = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The whole station: MAVLink on a free loopback port, the embedded Azurite of the data directory, the viewer.
        await using var station = Start(["station", "run", "--listen", "127.0.0.1:0", "--data-dir", _data.Path, "--pilot", "Ana",
            "--mavlink", $"udpin:127.0.0.1:{FreePort.Udp()}", "--pilot-port", "none"], line =>
        {
            if (ViewerLine().Match(line) is { Success: true } match)
            {
                viewer.TrySetResult(new Uri(match.Groups[1].Value));
            }
        });
        var address = await viewer.Task.WaitAsync(Timeout);
        using var http = new HttpClient { BaseAddress = address };
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        await station.SignalAsync("TERM");
        var exitCode = await station.Exited.WaitAsync(Timeout);

        Assert.Equal(0, exitCode);
        Assert.Contains("Stopped.", station.RecentOutput(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StationRun_InvalidListenAddress_ExitsWithUsageErrorNamingTheKey()
    {
        await using var station = Start(["station", "run", "--listen", "nonsense", "--data-dir", _data.Path]);

        var exitCode = await station.Exited.WaitAsync(Timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("RafeCast:Station:Http:Listen: 'nonsense'", station.RecentOutput(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StationRun_PortInUse_ExitsWithAClearMessage()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var station = Start(["station", "run", "--listen", $"127.0.0.1:{port}", "--data-dir", _data.Path, "--mavlink", $"udpin:127.0.0.1:{FreePort.Udp()}", "--pilot-port", "none"]);

        var exitCode = await station.Exited.WaitAsync(Timeout);

        Assert.Equal(4, exitCode);
        Assert.Contains("pass --listen with another port", station.RecentOutput(), StringComparison.Ordinal);
    }

    private OwnedProcess Start(string[] arguments, Action<string>? onLine = null)
    {
        var configuration = typeof(StationRunProcessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var cli = RepositoryPaths.Combine("src", "RafeCast.Cli", "bin", configuration, "net10.0", "rafecast.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing: build the solution first.");
        return OwnedProcess.Start("rafecast", "dotnet", [cli, .. arguments], output.WriteLine,
            onStdout: line => { output.WriteLine(line); onLine?.Invoke(line); },
            onStderr: output.WriteLine,
            workingDirectory: _data.Path);
    }

    [GeneratedRegex(@"viewer:\s+(http://\S+)")]
    private static partial Regex ViewerLine();
}
