using RafeCast.Cli.Commands.Sim;
using RafeCast.Cli.Infrastructure;
using RafeCast.Simulator.Vehicles;
using RafeCast.Testing;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>`rafecast sim` through the command tree, in memory: arguments and their errors.</summary>
public sealed class SimCommandTests
{
    private static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var exit = await RafeCastApp.Create(console).RunAsync(args, CancellationToken.None);
        return (exit, console.Output);
    }

    [Theory]
    [InlineData("--vehicles 0", "--vehicles must be 1 to 250")]
    [InlineData("--video udp://127.0.0.1:5601 --no-video", "contradict")]
    [InlineData("--plan a.plan --autofly -35.36,149.15 -35.36,149.17", "give one")]
    [InlineData("--autofly -35.36,149.15", "--autofly needs two positions")]
    [InlineData("--autofly -35.36 -35.36,149.17", "is not a position")]
    [InlineData("--autofly 95,149.15 -35.36,149.17", "out of range")]
    [InlineData("--plan /nonexistent.plan", "/nonexistent.plan: cannot read the plan")]
    [InlineData("--connect nowhere", "'nowhere' is not a MAVLink connection string")]
    [InlineData("--link-loss 30", "--link-loss '30' must be AT,SECONDS")]
    [InlineData("--wind fast", "--wind 'fast' must be SPEED or SPEED,FROM")]
    [InlineData("--home 1,2,3,4", "must be LAT,LON or LAT,LON,ALT")]
    [InlineData("--signing-key 1234", "64 hex digits")]
    public async Task BadArguments_AreUsageErrorsThatSayWhatIsWrong(string args, string expected)
    {
        var (exit, output) = await Run(["sim", "--no-video", .. args.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Video_NotUdpOrSrt_IsAUsageError()
    {
        var (exit, output) = await Run("sim", "--video", "ftp://example.org/x", "--duration", "1");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("must be udp://HOST:PORT or srt://HOST:PORT", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DescribesTheOptions()
    {
        var (exit, output) = await Run("sim", "--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--vehicles", "--connect", "--video", "--no-video", "--plan", "--autofly", "--seed", "--duration", "--link-loss", "--video-stop", "--signing-key" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Duration_RunsTheVehiclesAndStops()
    {
        var port = FreePort.Udp();

        var (exit, output) = await Run("sim", "--no-video", "--connect", $"udpout:127.0.0.1:{port}", "--duration", "1", "--seed", "5", "--vehicles", "2", "--status", "0");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains($"Simulating 2 vehicle(s) on udpout:127.0.0.1:{port}, seed 5", output, StringComparison.Ordinal);
        Assert.Contains("vehicle 2: home", output, StringComparison.Ordinal);
        Assert.Matches(@"Stopped: \d{2,} frames sent", output);
    }

    [Fact]
    public void BuildOptions_Autofly_FliesThePathFromItsStart()
    {
        var settings = new SimCommand.Settings { AutoflyFrom = "-35.362360,149.154227", AutoflyTo = "-35.362360,149.179534", Seed = 9, Wind = "6,270", Video = "udp://127.0.0.1:6000" };

        var options = SimCommand.BuildOptions(settings, randomSeed: 1);

        Assert.Equal(9, options.Seed);
        Assert.True(options.AutoStart);
        Assert.NotNull(options.Plan);
        Assert.Equal(4, options.Plan.Items.Count);
        Assert.Equal(6, options.WindSpeed);
        Assert.Equal(270, options.WindDirectionDegrees);
        Assert.Equal("udp://127.0.0.1:6001", options.Camera!.UrlFor(2));
    }

    [Fact]
    public void StatusLine_NamesModeArmingPositionAndBattery()
    {
        var line = SimCommand.StatusLine(new VehicleSnapshot(
            2, DateTimeOffset.UnixEpoch, TimeSpan.Zero,
            new RafeCast.Core.Geodesy.GeoPosition(-35.3623, 149.16, 614, 30), new RafeCast.Core.Geodesy.GeoPosition(-35.3623, 149.16, 584, 0),
            5, 0, 90, 0, 0, true, CopterMode.Auto, RafeCast.Mavlink.Messages.MavLandedState.InAir, 16, 88, 400, 4, 2, null, null, true));

        Assert.Contains("vehicle 2: AUTO", line, StringComparison.Ordinal);
        Assert.Contains("armed", line, StringComparison.Ordinal);
        Assert.Contains("alt  30.0 m", line, StringComparison.Ordinal);
        Assert.Contains("battery  88%", line, StringComparison.Ordinal);
        Assert.Contains("mission 2/4", line, StringComparison.Ordinal);
        Assert.Contains("video", line, StringComparison.Ordinal);
    }
}
