using System.Net;
using System.Net.Sockets;
using RafeCast.Infra.Tests.Logging;
using RafeCast.Infra.Tests.Processes;
using Xunit.Abstractions;

namespace RafeCast.Infra.Tests;

/// <summary>
/// The sandbox every Bicep run goes through really has no network: the same connection that works
/// from the host fails inside it. (So a Bicep check that passes proves Bicep worked offline.)
/// </summary>
public sealed class NetworkSandboxTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TestLogger _logger = TestLogger.For(output);
    private readonly TcpListener _listener = Listen();

    [Fact]
    public async Task Connect_FromTheHost_ReachesTheListener()
    {
        var accepted = _listener.AcceptTcpClientAsync();

        var result = await CliProcess.RunAsync(ConnectCommand(), Timeout, _logger, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        using var client = await accepted.WaitAsync(Timeout);
        Assert.True(client.Connected);
    }

    [Fact]
    public async Task Connect_FromInsideTheSandbox_Fails()
    {
        var result = await CliProcess.RunAsync(NetworkSandbox.Isolate(ConnectCommand()), Timeout, _logger, CancellationToken.None);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/dev/tcp/127.0.0.1", result.StandardError, StringComparison.Ordinal);
        Assert.False(_listener.Pending());
    }

    // bash opens a TCP connection itself through its /dev/tcp redirection: no other tool needed.
    private CliCommand ConnectCommand() =>
        new("bash", ["-c", $"exec 3<>/dev/tcp/127.0.0.1/{((IPEndPoint)_listener.LocalEndpoint).Port}"], Path.GetTempPath());

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    public void Dispose() => _listener.Dispose();
}
