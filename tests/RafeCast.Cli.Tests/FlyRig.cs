using RafeCast.Cli.Commands.Fly;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Microservices.Commands;
using RafeCast.Mavlink.Microservices.Missions;
using RafeCast.Mavlink.Microservices.Parameters;
using RafeCast.Mavlink.Signing;
using RafeCast.Mavlink.Vehicles;
using RafeCast.Simulator;
using RafeCast.Simulator.Links;

namespace RafeCast.Cli.Tests;

/// <summary>
/// The pilot console's parts against the simulator over an in-memory MAVLink link, on real time: a session, a
/// runner, and the simulated vehicles to check what the commands did.
/// </summary>
internal sealed class FlyRig : IAsyncDisposable
{
    /// <summary>Short protocol timeouts so "timed out" takes a second, not seven.</summary>
    public static readonly MavlinkStationOptions QuickTimeouts = new()
    {
        Commands = new CommandOptions { AckTimeout = TimeSpan.FromMilliseconds(300), Attempts = 3 },
        Parameters = new ParameterOptions { Timeout = TimeSpan.FromMilliseconds(300), Attempts = 3 },
        Missions = new MissionOptions { ItemTimeout = TimeSpan.FromMilliseconds(500), Attempts = 3 },
    };

    private FlyRig(DroneSimulator simulator, MavlinkSimulatorLink link, PilotSession session)
    {
        Simulator = simulator;
        SimulatorLink = link;
        Session = session;
        Runner = new PilotCommandRunner(session, TimeProvider.System);
    }

    public DroneSimulator Simulator { get; }

    public MavlinkSimulatorLink SimulatorLink { get; }

    public PilotSession Session { get; }

    public PilotCommandRunner Runner { get; }

    public static async Task<FlyRig> StartAsync(SimulatorOptions? options = null, MavlinkSigningKey? pilotKey = null, byte? systemId = null)
    {
        options ??= new SimulatorOptions { Seed = 11 };
        var (stationEnd, vehicleEnd) = InMemoryTransport.CreatePair();
        var link = new MavlinkSimulatorLink(vehicleEnd, options.SigningKey);
        var simulator = new DroneSimulator(options, link);
        await link.StartAsync(simulator, CancellationToken.None);
        simulator.Start();
        var session = await PilotSession.ConnectAsync(stationEnd, "memory", QuickTimeouts with { SigningKey = pilotKey }, systemId, TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);
        return new FlyRig(simulator, link, session);
    }

    public Task<PilotResult> Run(string line) => Runner.RunAsync(PilotCommandParser.Parse(line), progress: null, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await Simulator.DisposeAsync();
        await SimulatorLink.DisposeAsync();
    }
}
