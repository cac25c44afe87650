using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Hosting;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Vehicles;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// The MAVLink side of the station as a stage: one <see cref="MavlinkStation"/> over the vehicle links, the
/// links to other ground-control software and the pilots' port. Every link is in the station's router, so
/// each one gets the traffic of the others (vehicles → QGroundControl and pilots, their commands → vehicles).
/// A link that cannot open fails the start with a message naming its configuration key.
/// </summary>
internal sealed class MavlinkLinksStage : IStationStage, IAsyncDisposable
{
    private readonly StationMavlinkOptions _options;
    private readonly IReadOnlyList<IMavlinkFrameHandler> _observers;
    private readonly ILogger _logger;
    private int _disposed;

    public MavlinkLinksStage(
        IOptions<StationMavlinkOptions> options,
        IPublisher publisher,
        FlightTelemetryRecorder recorder,
        LinkStatistics statistics,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options.Value;
        _observers = [recorder, statistics];
        _logger = loggers.CreateLogger<MavlinkLinksStage>();
        Station = new MavlinkStation(new MavlinkStationOptions
        {
            SystemId = (byte)_options.SystemId,
            ComponentId = (byte)_options.ComponentId,
            HeartbeatInterval = _options.HeartbeatInterval,
            LinkLossTimeout = _options.LinkLossTimeout,
            Forwarding = true,
            SigningKey = _options.ResolveSigningKey(),
            SigningPolicy = _options.SigningPolicy,
            RecordDirectory = _options.RecordDirectory,
        }, publisher, time, loggers);
    }

    public string Name => "mavlink";

    public StationStagePhase Phase => StationStagePhase.Sources;

    /// <summary>The station's MAVLink stack: vehicles, their microservices, the router.</summary>
    public MavlinkStation Station { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var links = new List<(string Key, string Connection, string Role)>();
        var vehicleLinks = _options.Links.Count > 0 ? _options.Links : [StationMavlinkOptions.DefaultLink];
        for (var i = 0; i < vehicleLinks.Count; i++)
        {
            links.Add(($"{nameof(_options.Links)}:{i}", vehicleLinks[i], "vehicles"));
        }
        for (var i = 0; i < _options.Forward.Count; i++)
        {
            links.Add(($"{nameof(_options.Forward)}:{i}", _options.Forward[i], "forwarded to other ground-control software"));
        }
        if (_options.EffectivePilotPort is { } pilot)
        {
            links.Add((nameof(_options.PilotPort), pilot, "pilots' port for rafecast fly --connect"));
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
                throw new IOException($"{OptionsKey.For<StationMavlinkOptions>(key)}: {ex.Message}", ex);
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
