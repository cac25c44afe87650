using System.Collections.Frozen;
using System.Net;
using System.Threading.Channels;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.Core.Vehicles;
using RafeCast.Core.Video;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Hosting;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Microservices;
using RafeCast.Video.Ladder;
using RafeCast.Video.Sources;
using RafeCast.Video.Streams;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Finds each vehicle's cameras and ingests them: when a vehicle connects, it is asked for VIDEO_STREAM_INFORMATION
/// with MAV_CMD_REQUEST_MESSAGE (https://mavlink.io/en/services/camera.html#video_streaming), and every stream it
/// advertises becomes a supervised <see cref="VideoStream"/> named <c>v{sysid}-cam{n}</c>, unless a stream of that
/// vehicle is configured already. Stopping stops every ffmpeg gracefully ('q'), so the last segments are kept and
/// the local playlists end.
/// </summary>
internal sealed class VideoDiscoveryStage : IStationStage, IDisposable
{
    // Streams a vehicle may advertise; Uri.Scheme is lower case.
    private static readonly FrozenSet<string> NetworkSchemes = FrozenSet.Create(StringComparer.Ordinal, "udp", "rtp", "rtsp", "rtsps", "srt", "rtmp", "http", "https", "tcp");

    private readonly MavlinkLinksStage _mavlink;
    private readonly VideoStreamRegistry _registry;
    private readonly StationVideoOptions _options;
    private readonly VideoOptions _video;
    private readonly IPublisher _publisher;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<VehicleId> _requests = Channel.CreateUnbounded<VehicleId>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly HashSet<VehicleId> _asking = [];
    private Task? _loop;

    public VideoDiscoveryStage(
        MavlinkLinksStage mavlink,
        VideoStreamRegistry registry,
        IOptions<StationVideoOptions> options,
        IOptions<VideoOptions> video,
        IPublisher publisher,
        ILoggerFactory loggers,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(loggers);
        _mavlink = mavlink;
        _registry = registry;
        _options = options.Value;
        _video = video.Value;
        _publisher = publisher;
        _loggers = loggers;
        _logger = loggers.CreateLogger<VideoDiscoveryStage>();
        _time = time;
    }

    public string Name => "video-discovery";

    public StationStagePhase Phase => StationStagePhase.Sources;

    /// <summary>Asks <paramref name="vehicle"/> for its cameras (once it is not already being asked or ingested).</summary>
    public void Discover(VehicleId vehicle)
    {
        if (_options.Discover)
        {
            _requests.Writer.TryWrite(vehicle);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var stopping = _stop.Token;
        _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _requests.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_running)
        {
            running = [.. _running, .. _loop is null ? [] : new[] { _loop }];
        }
        // Each stream stops its ffmpeg gracefully on cancellation (bounded by its StopGrace) and ends its playlists.
        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var vehicle in _requests.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_running)
                {
                    if (_registry.HasStreamOf(vehicle) || !_asking.Add(vehicle))
                    {
                        continue;
                    }
                    _running.RemoveAll(t => t.IsCompleted);
                    _running.Add(Task.Run(() => DiscoverAsync(vehicle, cancellationToken), CancellationToken.None));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task DiscoverAsync(VehicleId id, CancellationToken cancellationToken)
    {
        try
        {
            var info = await AskAsync(id, cancellationToken).ConfigureAwait(false);
            if (info is not { } stream)
            {
                return;
            }
            await IngestAsync(id, stream, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Logged here: nobody awaits this task before the station stops. The message only, redacted, as it may hold the stream's credentials.
            Log.VideoIngestFailed(_logger, id.ToString(), ex.GetType().Name, VideoSource.Redact(ex.Message));
        }
        finally
        {
            lock (_running)
            {
                _asking.Remove(id);
            }
        }
    }

    private async Task<VideoStreamInformation?> AskAsync(VehicleId id, CancellationToken cancellationToken)
    {
        var vehicle = _mavlink.Station.FindVehicle(id);
        if (vehicle is null)
        {
            return null;
        }
        string problem = "no answer";
        for (var attempt = 1; attempt <= _options.DiscoveryAttempts; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.DiscoveryTimeout);
            try
            {
                // param2 0: every stream (VIDEO_STREAM_INFORMATION.stream_id is 1-based).
                return await vehicle.MessageIntervals.RequestAsync<VideoStreamInformation>(timeout.Token, param2: 0).ConfigureAwait(false);
            }
            catch (MavlinkCommandException ex) when (ex.Result is MavResult.Unsupported or MavResult.Denied)
            {
                Log.NoVideoDiscovered(_logger, id.ToString(), $"it answered the request with {ex.Result}");
                return null;
            }
            catch (Exception ex) when (ex is TimeoutException or MavlinkCommandException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                problem = ex.Message;
                Log.VideoDiscoveryAttemptFailed(_logger, id.ToString(), attempt, _options.DiscoveryAttempts, problem);
            }
        }
        Log.NoVideoDiscovered(_logger, id.ToString(), problem);
        return null;
    }

    private async Task IngestAsync(VehicleId vehicle, VideoStreamInformation info, CancellationToken cancellationToken)
    {
        var uri = info.GetUri();
        var input = ListenUrl(uri);
        if (input is null)
        {
            if (RefusedScheme(uri) is { } scheme)
            {
                Log.VideoSchemeRefused(_logger, vehicle.ToString(), scheme);
            }
            else
            {
                Log.NoVideoDiscovered(_logger, vehicle.ToString(), $"its stream URI '{VideoSource.Redact(uri)}' is not one the station can ingest");
            }
            return;
        }
        var id = StreamId.ForVehicleCamera(vehicle.SystemId, Math.Max(0, info.StreamId - 1));
        var ladder = RenditionLadder.Parse(_options.Ladder);
        VideoStream stream;
        try
        {
            stream = new VideoStream(new VideoStreamSettings
            {
                Id = id,
                Source = VideoSource.Parse(input),
                Ladder = ladder,
                Directory = Path.GetFullPath(Path.Combine(_video.SpoolDirectory, id.Value)),
                SegmentDuration = TimeSpan.FromSeconds(_options.SegmentSeconds),
                InputTimeout = TimeSpan.FromSeconds(_options.InputTimeoutSeconds),
                LiveWindowSegments = _video.LiveWindowSegments,
                FfmpegPath = _video.FfmpegPath,
                FfprobePath = _video.FfprobePath,
                StopGrace = TimeSpan.FromSeconds(_video.StopGraceSeconds),
                RestartDelay = TimeSpan.FromSeconds(_video.RestartDelaySeconds),
                MaxRestartDelay = TimeSpan.FromSeconds(_video.MaxRestartDelaySeconds),
                FailingAfterAttempts = _video.FailingAfterAttempts,
            }, _publisher, _loggers.CreateLogger<VideoStream>(), _time);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException)
        {
            Log.NoVideoDiscovered(_logger, vehicle.ToString(), VideoSource.Redact(ex.Message));
            return;
        }
        if (!_registry.TryAdd(stream, vehicle))
        {
            return;
        }
        Log.VideoDiscovered(_logger, vehicle.ToString(), info.StreamId, VideoSource.Redact(uri), id.Value, ladder.ToString());
        try
        {
            await stream.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            // Out of the registry, so the vehicle's next connect asks for its cameras again.
            _registry.Remove(stream);
            throw;
        }
    }

    /// <summary>
    /// Where to receive an advertised stream: a UDP stream is sent to us, so we listen on its port (on the
    /// address it names when that is one of ours, loopback or any; else on every interface); RTSP, SRT, RTMP
    /// and the other network schemes are used as given. Any other scheme (a file, an .sdp path, an ffmpeg
    /// protocol such as concat:) is null: a vehicle must not make the station's ffmpeg read local files.
    /// </summary>
    internal static string? ListenUrl(string uri)
    {
        if (string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed) || !NetworkSchemes.Contains(parsed.Scheme))
        {
            return null;
        }
        if (parsed.Scheme != "udp")
        {
            return uri.Trim();
        }
        if (parsed.Port <= 0)
        {
            return null;
        }
        var host = IPAddress.TryParse(parsed.Host, out var address) && (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any))
            ? parsed.Host
            : "0.0.0.0";
        return $"udp://{host}:{parsed.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>The scheme of an advertised URI that parses but is not a network stream, else null.</summary>
    internal static string? RefusedScheme(string uri) =>
        !string.IsNullOrWhiteSpace(uri) && Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed) && !NetworkSchemes.Contains(parsed.Scheme)
            ? parsed.Scheme
            : null;

    public void Dispose() => _stop.Dispose();
}
