using RafeCast.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

public sealed class CommandTreeTests
{
    private static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 160;
        var exit = await RafeCastApp.Create(console).RunAsync(args, CancellationToken.None);
        return (exit, console.Output);
    }

    [Fact]
    public async Task Help_ListsEveryVerb()
    {
        var (exit, output) = await Run("--help");
        Assert.Equal(0, exit);
        foreach (var verb in new[] { "demo", "station", "fly", "sim", "mavlink", "video", "domes", "tag", "archive" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_PrintsTheInformationalVersion()
    {
        var (exit, output) = await Run("--version");
        Assert.Equal(0, exit);
        Assert.Contains(RafeCastApp.Version, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerb_IsAUsageError()
    {
        var (exit, output) = await Run("teleport");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("teleport", output, StringComparison.Ordinal);
    }
}

public sealed class ErrorReporterTests
{
    [Fact]
    public void Report_UserFacingMessageWithConfigurationKey_IsPrintedVerbatim()
    {
        var console = new TestConsole();
        console.Profile.Width = 200;

        var exit = ErrorReporter.Report(console, new UserFacingException("RafeCast:Station:Http:Listen is not a [host:port]", ExitCodes.Usage));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("error: RafeCast:Station:Http:Listen is not a [host:port]", console.Output, StringComparison.Ordinal);
    }
}
