using System.Net;
using System.Net.Sockets;
using RafeCast.Cli.Commands.Demo;
using RafeCast.Cli.Infrastructure;
using RafeCast.Testing;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>`rafecast demo`'s refusals, in memory (the demo itself runs in tests/RafeCast.EndToEnd.Tests).</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempDirectory _data = new("rafecast-demo-cli");

    public void Dispose() => _data.Dispose();

    private static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var exit = await RafeCastApp.Create(console).RunAsync(args, CancellationToken.None);
        return (exit, console.Output);
    }

    [Theory]
    [InlineData("--vehicles", "9", "--vehicles must be 1 to 4")]
    [InlineData("--ladder", "720p,4k", "Unknown rendition '4k'")]
    [InlineData("--listen", "nowhere", "--listen 'nowhere' is not HOST:PORT")]
    [InlineData("--duration", "0", "--duration must be positive")]
    public async Task Demo_BadOption_IsAUsageErrorSayingWhy(string option, string value, string expected)
    {
        var (exit, output) = await Run("demo", "--data-dir", _data.Path, option, value);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_AnotherDemoOnTheSameDataDirectory_SaysSoWithoutStarting()
    {
        using var held = new FileStream(Path.Combine(_data.Path, "demo.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var (exit, output) = await Run("demo", "--data-dir", _data.Path);

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("Another rafecast demo is running on " + _data.Path, output, StringComparison.Ordinal);
        Assert.Contains("--data-dir", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ListenPortTaken_SaysSoWithoutStarting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, output) = await Run("demo", "--data-dir", _data.Path, "--listen", $"127.0.0.1:{port}");

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("the port is in use", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsecutiveUdp_PreferredPortTaken_ReturnsAnotherFreeRange()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var start = DemoPorts.ConsecutiveUdp(port, 2);

        Assert.NotEqual(port, start);
        Assert.True(DemoPorts.UdpFree(start) && DemoPorts.UdpFree(start + 1));
    }

    [Fact]
    public void Plan_DemoPass_TakesOffSetsTheSpeedAndLoopsBetweenItsEnds()
    {
        var plan = DemoFlight.Plan();

        Assert.Equal(5, plan.Items.Count);
        Assert.Equal(DemoFlight.From.Latitude, plan.PlannedHome!.Value.Latitude);
        Assert.Equal((float)DemoFlight.SpeedMetresPerSecond, plan.Items[1].Param2);
        Assert.Equal(DemoFlight.To.Longitude, plan.Items[2].Longitude, 6);
        Assert.Equal(3, plan.Items[4].Param1); // DO_JUMP back to the leg out
    }
}
