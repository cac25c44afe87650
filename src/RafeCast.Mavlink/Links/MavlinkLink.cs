using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Signing;
using RafeCast.Mavlink.Tlog;

namespace RafeCast.Mavlink.Links;

/// <summary>Receives every frame a link accepts, on the link's receive loop: keep it quick, copy what you keep.</summary>
public interface IMavlinkFrameHandler
{
    /// <param name="link">The link the frame arrived on.</param>
    /// <param name="frame">The frame; valid only during the call (copy <see cref="MavlinkFrame.Raw"/> to keep it).</param>
    /// <param name="receivedUtc">Arrival time from the link's clock.</param>
    void OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc);
}

/// <summary>How a link frames, signs, checks and records.</summary>
public sealed record MavlinkLinkOptions
{
    /// <summary>System id our frames carry (255 for a ground station).</summary>
    public byte SystemId { get; init; } = 255;

    /// <summary>Component id our frames carry (190 = mission planner).</summary>
    public byte ComponentId { get; init; } = 190;

    public MavlinkVersion Version { get; init; } = MavlinkVersion.V2;

    /// <summary>Key to sign outgoing frames and verify incoming ones; null for no signing.</summary>
    public MavlinkSigningKey? SigningKey { get; init; }

    /// <summary>Signing link id of this link (one per physical link).</summary>
    public byte SigningLinkId { get; init; }

    /// <summary>Which unsigned frames this link accepts (anything but <see cref="MavlinkSigningPolicy.AcceptAll"/> needs a key).</summary>
    public MavlinkSigningPolicy SigningPolicy { get; init; } = MavlinkSigningPolicy.AcceptAll;

    /// <summary>When set, every frame received and sent is appended to this .tlog.</summary>
    public string? RecordPath { get; init; }

    /// <summary>The dialect to parse with (default: the generated one).</summary>
    public MavlinkDialect? Dialect { get; init; }
}

/// <summary>
/// One MAVLink connection: a transport, a parser, the signing policy, our own frame writer (so each link has
/// its own sequence numbers) and optional .tlog recording. Its receive loop hands accepted frames to the
/// registered <see cref="IMavlinkFrameHandler"/>s; a failing handler is logged and the loop goes on.
/// </summary>
public sealed class MavlinkLink : IAsyncDisposable
{
    private readonly IMavlinkTransport _transport;
    private readonly MavlinkParser _parser;
    private readonly MavlinkSigningGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _recordGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IMavlinkFrameHandler[] _handlers = [];
    private int _disposed;
    private TlogWriter? _recorder;
    private Task? _loop;
    private long _refused;
    private long _sendFailures;

    public MavlinkLink(IMavlinkTransport transport, MavlinkLinkOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        options ??= new MavlinkLinkOptions();
        _transport = transport;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Options = options;
        _parser = new MavlinkParser(options.Dialect);
        var signer = options.SigningKey is null ? null : new MavlinkSigner(options.SigningKey, options.SigningLinkId, _time);
        _gate = new MavlinkSigningGate(options.SigningPolicy, options.SigningKey is null ? null : new MavlinkSignatureVerifier(options.SigningKey, _time));
        Writer = new MavlinkFrameWriter(options.SystemId, options.ComponentId, signer is null ? options.Version : MavlinkVersion.V2, signer);
    }

    /// <summary>Opens <paramref name="connectionString"/> (see <see cref="MavlinkConnectionString.AcceptedForms"/>).</summary>
    public static MavlinkLink Create(string connectionString, MavlinkLinkOptions? options = null, TimeProvider? time = null, ILogger? logger = null) =>
        new(MavlinkTransports.Create(connectionString, time), options, time, logger);

    /// <summary>The connection string (or transport name).</summary>
    public string Name => _transport.Name;

    public MavlinkLinkOptions Options { get; }

    public IMavlinkTransport Transport => _transport;

    /// <summary>Parser counters: frames, checksum errors, dropped bytes, unknown ids, loss per sender.</summary>
    public MavlinkCounters Counters => _parser.Counters;

    /// <summary>Frames refused by the signing policy.</summary>
    public long RefusedFrames => Interlocked.Read(ref _refused);

    /// <summary>Sends that failed (logged, not thrown).</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Our frame writer on this link: our ids, sequence numbers, signing.</summary>
    public MavlinkFrameWriter Writer { get; }

    /// <summary>Completes when the source ends (a replayed file) or the link is disposed; faults when the transport fails.</summary>
    public Task Completion => _completion.Task;

    public void AddHandler(IMavlinkFrameHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_recordGate)
        {
            _handlers = [.. _handlers, handler];
        }
    }

    public void RemoveHandler(IMavlinkFrameHandler handler)
    {
        lock (_recordGate)
        {
            _handlers = [.. _handlers.Where(h => !ReferenceEquals(h, handler))];
        }
    }

    /// <summary>Opens the transport (errors name the link) and starts the receive loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            return;
        }
        await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (Options.RecordPath is { } path)
        {
            _recorder = TlogWriter.Create(path);
        }
        Log.LinkOpened(_logger, Name);
        _loop = Task.Run(() => ReceiveLoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Sends <paramref name="message"/> as our own frame (next sequence number, signed when configured).</summary>
    public async ValueTask SendAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MavlinkProtocol.MaxFrameLength);
        try
        {
            var length = Writer.Write(message, buffer);
            await SendFrameAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Sends a complete frame as it is (forwarding keeps the sender's ids, sequence and signature).</summary>
    public async ValueTask SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        Record(frame.Span);
        try
        {
            await _transport.SendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Interlocked.Increment(ref _sendFailures);
            Log.SendFailed(_logger, ex, Name);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = await _transport.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    ProcessFinal();
                    break;
                }
                Process(buffer.AsSpan(0, read));
            }
            Log.LinkEnded(_logger, Name, Counters.Frames, Counters.CrcErrors, Counters.DroppedBytes);
            _completion.TrySetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _completion.TrySetResult();
        }
        catch (Exception ex)
        {
            Log.LinkFailed(_logger, ex, Name);
            _completion.TrySetException(new IOException($"Link {Name} failed: {ex.Message}", ex));
        }
    }

    /// <summary>Parses received bytes and dispatches the frames (also used to feed a link by hand in tests).</summary>
    internal void Process(ReadOnlySpan<byte> chunk)
    {
        var now = _time.GetUtcNow();
        while (_parser.TryRead(ref chunk, out var frame))
        {
            Dispatch(frame, now);
        }
    }

    /// <summary>The source has ended: frames held back behind an incomplete candidate come out.</summary>
    private void ProcessFinal()
    {
        var now = _time.GetUtcNow();
        while (_parser.TryReadFinal(out var frame))
        {
            Dispatch(frame, now);
        }
    }

    private void Dispatch(in MavlinkFrame frame, DateTimeOffset now)
    {
        var decision = _gate.Evaluate(frame);
        if (!decision.Accepted)
        {
            Interlocked.Increment(ref _refused);
            Log.FrameRefused(_logger, Name, frame.SystemId, frame.ComponentId, frame.MessageId, decision.Check);
            return;
        }
        if (decision.Check == SignatureCheck.Valid)
        {
            Writer.Signer?.Observe(frame.SignatureTimestamp);
        }
        Record(frame.Raw, now);
        foreach (var handler in _handlers)
        {
            try
            {
                handler.OnFrame(this, frame, now);
            }
            catch (Exception ex)
            {
                Log.HandlerFailed(_logger, ex, Name);
            }
        }
    }

    private void Record(ReadOnlySpan<byte> frame) => Record(frame, _time.GetUtcNow());

    private void Record(ReadOnlySpan<byte> frame, DateTimeOffset time)
    {
        if (_recorder is null)
        {
            return;
        }
        lock (_recordGate)
        {
            _recorder?.Write(time, frame);
        }
    }

    /// <summary>Stops the receive loop and closes the transport. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        await _transport.DisposeAsync().ConfigureAwait(false);
        lock (_recordGate)
        {
            _recorder?.Dispose();
            _recorder = null;
        }
        _completion.TrySetResult();
        _stop.Dispose();
    }
}
