using Microsoft.Extensions.Logging;
using RafeCast.Simulator.Links;

namespace RafeCast.Simulator;

/// <summary>
/// A running simulator on a real link: what <c>rafecast sim</c> and end-to-end tests start. Opening the link
/// comes first, so a bad connection string or a port in use fails before anything else starts; disposing
/// stops the clock and the cameras ('q' to ffmpeg), then closes the link.
/// </summary>
public sealed class SimulatorSession : IAsyncDisposable
{
    /// <summary>Where vehicles send by default: a ground station listening on the standard MAVLink port.</summary>
    public const string DefaultConnection = "udpout:127.0.0.1:14550";

    private SimulatorSession(DroneSimulator simulator, MavlinkSimulatorLink link)
    {
        Simulator = simulator;
        Link = link;
    }

    public DroneSimulator Simulator { get; }

    public MavlinkSimulatorLink Link { get; }

    /// <summary>Opens <paramref name="connectionString"/> and starts the vehicles and cameras.</summary>
    /// <exception cref="FormatException">Not a connection string (the message lists the accepted forms).</exception>
    /// <exception cref="IOException">The link could not be opened (e.g. the port is in use).</exception>
    public static async Task<SimulatorSession> StartAsync(SimulatorOptions options, string connectionString, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var link = new MavlinkSimulatorLink(connectionString, options.SigningKey, timeProvider, loggerFactory);
        DroneSimulator? simulator = null;
        try
        {
            simulator = new DroneSimulator(options, link, timeProvider, loggerFactory);
            await link.StartAsync(simulator, cancellationToken).ConfigureAwait(false);
            simulator.Start();
            return new SimulatorSession(simulator, link);
        }
        catch
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
            await link.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync().ConfigureAwait(false);
        await Link.DisposeAsync().ConfigureAwait(false);
    }
}
