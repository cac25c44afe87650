using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Signing;

namespace RafeCast.Simulator.Links;

/// <summary>
/// The simulator on a real MAVLink link (<see cref="MavlinkLink"/>: udpout, udpin, tcp, tcpin, serial): the
/// link's receive loop parses and signature-checks what arrives and hands the frames to the simulator; frames
/// the vehicles write are queued in order and sent by one loop, so they leave in sequence-number order. A full
/// queue (a link that cannot keep up) drops and counts frames rather than stall the simulation.
/// </summary>
public sealed class MavlinkSimulatorLink : ISimulatorLink, IMavlinkFrameHandler, IAsyncDisposable
{
    private const int QueueCapacity = 4096;
    private readonly Channel<byte[]> _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private DroneSimulator? _simulator;
    private Task? _sender;
    private long _dropped;

    /// <param name="connectionString">Where the vehicles talk (see <see cref="MavlinkConnectionString.AcceptedForms"/>).</param>
    /// <param name="signingKey">When set, incoming commands must be signed with it (the vehicles sign their own frames).</param>
    /// <param name="time">The link's clock (signature checks, replay windows).</param>
    /// <param name="loggerFactory">Logs.</param>
    /// <exception cref="FormatException">Not a connection string; the message lists the accepted forms.</exception>
    public MavlinkSimulatorLink(string connectionString, MavlinkSigningKey? signingKey = null, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
        : this(MavlinkTransports.Create(connectionString, time), signingKey, time, loggerFactory)
    {
    }

    /// <summary>A simulator link over <paramref name="transport"/> (an in-memory pair in tests).</summary>
    public MavlinkSimulatorLink(IMavlinkTransport transport, MavlinkSigningKey? signingKey = null, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = loggers.CreateLogger<MavlinkSimulatorLink>();
        Link = new MavlinkLink(transport, new MavlinkLinkOptions
        {
            // The link's own writer is unused: every frame is a vehicle's, written with its own ids and sequence.
            SystemId = 1,
            ComponentId = 1,
            SigningKey = signingKey,
            SigningPolicy = signingKey is null ? MavlinkSigningPolicy.AcceptAll : MavlinkSigningPolicy.RequireSignedForCommands,
        }, time, loggers.CreateLogger<MavlinkLink>());
        Link.AddHandler(this);
    }

    /// <summary>The MAVLink link underneath (counters, refused frames, name).</summary>
    public MavlinkLink Link { get; }

    /// <summary>Frames dropped because the send queue was full.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>Opens the link and starts sending; frames that arrive go to <paramref name="simulator"/>.</summary>
    public async Task StartAsync(DroneSimulator simulator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        _simulator = simulator;
        await Link.StartAsync(cancellationToken).ConfigureAwait(false);
        _sender = Task.Run(() => SendLoopAsync(_stop.Token), CancellationToken.None);
    }

    public void Send(ReadOnlySpan<byte> frame)
    {
        if (!_queue.Writer.TryWrite(frame.ToArray()) && Interlocked.Increment(ref _dropped) % 100 == 1)
        {
            Log.OutgoingDropped(_logger, Interlocked.Read(ref _dropped));
        }
    }

    void IMavlinkFrameHandler.OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc) => _simulator?.Dispatch(frame);

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await Link.SendFrameAsync(frame, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends what is queued (bounded wait), then closes the link.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_sender is not null)
        {
            // Let the last frames (a final STATUSTEXT) go out, but never hang on a stuck transport.
            await Task.WhenAny(_sender, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None)).ConfigureAwait(false);
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_sender is not null)
        {
            await _sender.ConfigureAwait(false);
        }
        await Link.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
