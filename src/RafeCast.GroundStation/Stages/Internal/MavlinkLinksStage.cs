using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Hosting;
using RafeCast.Mavlink;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Vehicles;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// The MAVLink side of the station as a stage: one <see cref="MavlinkStation"/> over the MAVLink stage's
/// connections (<c>RafeCast:Mavlink:Connections</c>: vehicles and other ground-control software) and the pilots' port. Every link is in the station's router, so
/// each one gets the traffic of the others (vehicles → QGroundControl and pilots, their commands → vehicles).
/// A link that cannot open fails the start with a message naming its configuration key.
/// </summary>
internal sealed class MavlinkLinksStage : IStationStage, IAsyncDisposable
{
    private readonly MavlinkOptions _mavlink;
    private readonly StationMavlinkOptions _station;
    private readonly IReadOnlyList<IMavlinkFrameHandler> _observers;
    private readonly ILogger _logger;
    private int _disposed;

    public MavlinkLinksStage(
        IOptions<MavlinkOptions> mavlink,
        IOptions<StationMavlinkOptions> station,
        IPublisher publisher,
        FlightTelemetryRecorder recorder,
        LinkStatistics statistics,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(mavlink);
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(loggers);
        _mavlink = mavlink.Value;
        _station = station.Value;
        _observers = [recorder, statistics];
        _logger = loggers.CreateLogger<MavlinkLinksStage>();
        Station = new MavlinkStation(_mavlink.ToStationOptions(), publisher, time, loggers);
    }

    public string Name => "mavlink";

    public StationStagePhase Phase => StationStagePhase.Sources;

    /// <summary>The station's MAVLink stack: vehicles, their microservices, the router.</summary>
    public MavlinkStation Station { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var links = new List<(string Key, string Connection, string Role)>();
        foreach (var (key, connection) in StationMavlinkOptions.EffectiveConnections(_mavlink, _station))
        {
            links.Add((key, connection, "vehicles and ground-control software"));
        }
        if (_station.EffectivePilotPort is { } pilot)
        {
            links.Add((OptionsKey.For<StationMavlinkOptions>(nameof(StationMavlinkOptions.PilotPort)), pilot, "pilots' port for rafecast fly --connect"));
        }
        foreach (var (key, connection, role) in links)
        {
            var link = await Station.AddLinkAsync(connection, cancellationToken).ConfigureAwait(false);
            foreach (var observer in _observers)
            {
                link.AddHandler(observer);
            }
            try
            {
                await link.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
            {
                throw new IOException($"{key}: {ex.Message}", ex);
            }
            Log.LinkOpen(_logger, connection, role);
        }
        await Station.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes every link (after a failed start too: the links opened so far are closed).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await Station.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
