using System.Globalization;
using System.Text.RegularExpressions;
using RafeCast.Infra.Tests.Logging;
using RafeCast.Infra.Tests.Processes;
using RafeCast.Testing;
using Xunit.Abstractions;

namespace RafeCast.Infra.Tests;

/// <summary>infra/systemd/rafecast-station.service: valid for systemd (systemd-analyze) and hardened as designed.</summary>
public sealed partial class StationUnitTests(ITestOutputHelper output) : IDisposable
{
    private const string UnitName = "rafecast-station.service";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TestLogger _logger = TestLogger.For(output);
    private readonly TempDirectory _directory = new("rafecast-unit");

    [Fact]
    public async Task Verify_StationUnit_ReportsNothing()
    {
        var unit = CopyUnitWithStandInExecutable(File.ReadAllText(InfraPaths.StationUnit));

        var result = await VerifyAsync(unit);

        Assert.True(result.ExitCode == 0 && result.StandardOutput.Length == 0 && result.StandardError.Length == 0, Describe(result));
    }

    [Fact]
    public async Task Verify_UnitWithAMisspelledDirective_Complains()
    {
        var unit = CopyUnitWithStandInExecutable(File.ReadAllText(InfraPaths.StationUnit).Replace("ProtectHome=yes", "ProtectHomes=yes", StringComparison.Ordinal));

        var result = await VerifyAsync(unit);

        Assert.Contains("Unknown key 'ProtectHomes'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecurityAnalysis_StationUnit_ExposureIsAtMostTwo()
    {
        // --threshold is in tenths of the 0-10 exposure scale; systemd calls up to 2.0 "OK".
        var result = await CliProcess.RunAsync(
            new CliCommand("systemd-analyze", ["security", "--offline=yes", "--threshold=20", "--no-pager", InfraPaths.StationUnit], _directory.Path),
            Timeout,
            _logger,
            CancellationToken.None);

        var exposure = ExposureLine().Match(result.StandardOutput);
        Assert.True(exposure.Success, Describe(result));
        output.WriteLine($"Exposure: {exposure.Groups["level"].Value}");
        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.True(double.Parse(exposure.Groups["level"].Value, CultureInfo.InvariantCulture) <= 2.0, exposure.Value);
    }

    [Fact]
    public void Directives_StationUnit_RunTheStationHardenedWithItsRadioAndOutbox()
    {
        var unit = UnitFile.Parse(File.ReadAllText(InfraPaths.StationUnit));

        Assert.EndsWith("/rafecast station run", unit.Single("Service", "ExecStart"), StringComparison.Ordinal);
        Assert.Equal("yes", unit.Single("Service", "DynamicUser"));
        Assert.Equal("on-failure", unit.Single("Service", "Restart"));
        Assert.True(int.Parse(unit.Single("Unit", "StartLimitBurst"), CultureInfo.InvariantCulture) > 0);
        Assert.Equal("rafecast", unit.Single("Service", "StateDirectory"));
        Assert.Equal("strict", unit.Single("Service", "ProtectSystem"));
        Assert.Equal("yes", unit.Single("Service", "ProtectHome"));
        Assert.Equal("yes", unit.Single("Service", "NoNewPrivileges"));
        Assert.Equal("yes", unit.Single("Service", "PrivateTmp"));
        Assert.Equal(["AF_INET", "AF_INET6", "AF_NETLINK", "AF_UNIX"], unit.Single("Service", "RestrictAddressFamilies").Split(' ').Order(StringComparer.Ordinal));
        Assert.Equal("dialout", unit.Single("Service", "SupplementaryGroups"));
        Assert.Contains("char-ttyUSB rw", unit.All("Service", "DeviceAllow"));
        Assert.Equal("closed", unit.Single("Service", "DevicePolicy"));
        Assert.StartsWith("/etc/rafecast/", unit.Single("Service", "EnvironmentFile"), StringComparison.Ordinal);
        Assert.Equal("SIGTERM", unit.Single("Service", "KillSignal"));
        Assert.True(TimeSpan.FromSeconds(int.Parse(unit.Single("Service", "TimeoutStopSec").TrimEnd('s'), CultureInfo.InvariantCulture)) >= TimeSpan.FromSeconds(60));
        Assert.Empty(unit.All("Service", "MemoryDenyWriteExecute"));
    }

    // systemd-analyze verify checks that ExecStart's program exists, and the station is not installed
    // here: a drop-in beside the copy points ExecStart at a stand-in; the unit itself is verified as is.
    private string CopyUnitWithStandInExecutable(string unitText)
    {
        var unit = _directory.Combine(UnitName);
        File.WriteAllText(unit, unitText);
        var standIn = _directory.Combine("rafecast");
        File.WriteAllText(standIn, "#!/bin/sh\n");
        File.SetUnixFileMode(standIn, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var dropIns = Directory.CreateDirectory(_directory.Combine(UnitName + ".d"));
        File.WriteAllText(Path.Combine(dropIns.FullName, "stand-in.conf"), $"[Service]\nExecStart=\nExecStart={standIn} station run\n");
        return unit;
    }

    private Task<CliProcessResult> VerifyAsync(string unit) =>
        CliProcess.RunAsync(new CliCommand("systemd-analyze", ["verify", "--man=no", unit], _directory.Path), Timeout, _logger, CancellationToken.None);

    private static string Describe(CliProcessResult result) =>
        $"{result.Command} exited {result.ExitCode}:{Environment.NewLine}{result.StandardOutput}{result.StandardError}";

    [GeneratedRegex(@"Overall exposure level for \S+: (?<level>\d+\.\d)")]
    private static partial Regex ExposureLine();

    public void Dispose() => _directory.Dispose();
}
