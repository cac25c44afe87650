using System.Threading.Channels;
using RafeCast.Cli.Commands.Fly;
using RafeCast.Simulator.Vehicles;
using RafeCast.Testing;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

/// <summary>The interactive console in memory: keys in, the live panel and results out, against the simulator.</summary>
public sealed class FlyInteractiveTests
{
    private static IEnumerable<ConsoleKeyInfo> Keys(string text) =>
        text.Select(c => c switch
        {
            '\n' => new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false),
            '\t' => new ConsoleKeyInfo('\t', ConsoleKey.Tab, false, false, false),
            ' ' => new ConsoleKeyInfo(' ', ConsoleKey.Spacebar, false, false, false),
            _ => new ConsoleKeyInfo(c, ConsoleKey.A, false, false, false),
        });

    [Fact]
    public async Task TypedCommands_RunWithCompletionAndTheirResultsPrintAboveThePanel()
    {
        await using var rig = await FlyRig.StartAsync();
        var console = new SynchronizedTestConsole(new TestConsole().Interactive());
        console.Profile.Width = 120;
        var keys = Channel.CreateUnbounded<ConsoleKeyInfo>();
        var output = new PilotOutput(console, json: false, interactive: true);
        var interactive = new InteractiveConsole(console, rig.Session, rig.Runner, output, [], TimeProvider.System,
            async token => await keys.Reader.ReadAsync(token));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var run = interactive.RunAsync(stop.Token);
        foreach (var key in Keys("mode gu\t\n"))
        {
            await keys.Writer.WriteAsync(key);
        }
        await Eventually.Until(() => console.Output.Contains("mode GUIDED -> accepted", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the mode change");
        foreach (var key in Keys("arm; takeof 5\narm\n"))
        {
            await keys.Writer.WriteAsync(key);
        }
        await Eventually.Until(() => console.Output.Contains("arm -> accepted", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "arming");
        foreach (var key in Keys("quit\n"))
        {
            await keys.Writer.WriteAsync(key);
        }
        var exit = await run;

        var text = console.Output;
        Assert.Equal(0, exit);
        Assert.True(rig.Simulator.Vehicle(1).Snapshot().Armed);
        Assert.Equal(CopterMode.Guided, rig.Simulator.Vehicle(1).Snapshot().Mode);
        Assert.Contains("RafeCast pilot · memory", text, StringComparison.Ordinal);
        Assert.Contains("takeof 5: unknown command 'takeof'", text, StringComparison.Ordinal);
        Assert.Contains("vehicle 1: Arming motors", text, StringComparison.Ordinal);
        Assert.Contains("fly 1>", text, StringComparison.Ordinal);
    }
}
