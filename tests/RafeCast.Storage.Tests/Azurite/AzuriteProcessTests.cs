using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Storage.Azurite;
using RafeCast.Storage.Tests.Infrastructure;
using RafeCast.Testing;

namespace RafeCast.Storage.Tests.Azurite;

public sealed class AzuriteProcessTests
{
    [Fact]
    public async Task Exited_ProcessKilledFromOutside_FaultsWithTypedError()
    {
        await using var azurite = await AzuriteProcess.StartAsync(AzuriteFixture.Executable, FreePort.Tcp(), null, NullLogger.Instance, CancellationToken.None);

        Process.GetProcessById(azurite.ProcessId).Kill();

        var error = await Assert.ThrowsAsync<AzuriteExitedException>(() => azurite.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(azurite.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_RunningAzurite_StopsGracefullyAndFreesThePort()
    {
        var port = FreePort.Tcp();
        var azurite = await AzuriteProcess.StartAsync(AzuriteFixture.Executable, port, null, NullLogger.Instance, CancellationToken.None);

        await azurite.StopAsync();

        await azurite.Exited.WaitAsync(TimeSpan.FromSeconds(1)); // completes without the unexpected-exit error
        await using var again = await AzuriteProcess.StartAsync(AzuriteFixture.Executable, port, null, NullLogger.Instance, CancellationToken.None);
        Assert.Equal(port, again.Port);
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_OnLinux_RunsOutsideTheCallersProcessGroup()
    {
        Assert.True(OperatingSystem.IsLinux(), "RafeCast runs its tests on Linux.");
        await using var azurite = await AzuriteProcess.StartAsync(AzuriteFixture.Executable, FreePort.Tcp(), null, NullLogger.Instance, CancellationToken.None);

        var group = ProcessGroupOf(azurite.ProcessId);

        // A terminal's Ctrl-C (SIGINT to our foreground group) must not reach it: RafeCast stops it itself.
        Assert.NotEqual(ProcessGroupOf(Environment.ProcessId), group);
        Assert.Equal(azurite.ProcessId, group);
    }

    /// <summary>Field 5 of /proc/PID/stat (after the parenthesised command name, which may hold spaces).</summary>
    private static int ProcessGroupOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Find_MissingConfiguredExecutable_SaysWhatToSet()
    {
        var error = Assert.Throws<FileNotFoundException>(() => AzuriteLocator.Find("/nowhere/azurite-blob"));

        Assert.Contains("RafeCast:Storage:AzuriteExecutable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartOrAttach_SecondCallerOnTheSameDataDirectory_AttachesToTheFirst()
    {
        using var home = new TempDirectory("rafecast-home");
        await using var first = await EmbeddedAzurite.StartOrAttachAsync(home.Path, AzuriteFixture.Executable, NullLogger.Instance, CancellationToken.None);

        await using var second = await EmbeddedAzurite.StartOrAttachAsync(home.Path, AzuriteFixture.Executable, NullLogger.Instance, CancellationToken.None);

        Assert.True(first.StartedHere);
        Assert.False(second.StartedHere);
        Assert.Equal(first.Port, second.Port);
    }
}
