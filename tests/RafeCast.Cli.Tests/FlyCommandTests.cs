using RafeCast.Cli.Infrastructure;
using RafeCast.Testing;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>`rafecast fly` through the command tree, in memory: the errors a pilot gets before anything flies.</summary>
public sealed class FlyCommandTests
{
    private static async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var exit = await RafeCastApp.Create(console).RunAsync(args, CancellationToken.None);
        return (exit, console.Output);
    }

    [Fact]
    public async Task Connect_Unparsable_IsAUsageErrorListingTheForms()
    {
        var (exit, output) = await Run("fly", "--connect", "carrier-pigeon:7");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("'carrier-pigeon:7' is not a MAVLink connection string", output, StringComparison.Ordinal);
        Assert.Contains("udpin:HOST:PORT", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_WithAnUnknownCommand_FailsBeforeConnecting()
    {
        var (exit, output) = await Run("fly", "--connect", $"udpin:127.0.0.1:{FreePort.Udp()}", "--exec", "arm; barrel-roll; rtl");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--exec: unknown command 'barrel-roll'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_WithBadArguments_SaysWhichAndHow()
    {
        var (exit, output) = await Run("fly", "--connect", $"udpin:127.0.0.1:{FreePort.Udp()}", "--exec", "takeoff sky");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("ALT 'sky' is not a number", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoVehicle_TimesOutNamingTheLink()
    {
        var port = FreePort.Udp();

        var (exit, output) = await Run("fly", "--connect", $"udpin:127.0.0.1:{port}", "--timeout", "0.5", "--exec", "arm");

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains($"no vehicle heard on udpin:127.0.0.1:{port} after 0.5 s", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningKey_NotHex_IsAUsageError()
    {
        var (exit, output) = await Run("fly", "--signing-key", "not-a-key", "--exec", "arm");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--signing-key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DescribesTheOptions()
    {
        var (exit, output) = await Run("fly", "--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--connect", "--exec", "--json", "--signing-key", "--signing-passphrase", "--vehicle", "--timeout" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }
}
