using Microsoft.Extensions.Logging;
using RafeCast.Simulator.Vehicles;
using RafeCast.Video.Ffmpeg;
using RafeCast.Video.Sources;

namespace RafeCast.Simulator.Camera;

/// <summary>
/// One vehicle's synthetic camera: an ffmpeg test pattern with the frame's UTC time and the vehicle's position
/// burned in, streamed as MPEG-TS to <see cref="Uri"/>. ffmpeg runs through <see cref="FfmpegProcess"/> (command
/// line logged, output drained, 'q' to stop, process tree killed if needed). One owner loop keeps the process
/// in the wanted state: started, stopped on request (MAV_CMD_VIDEO_STOP_STREAMING or the video fault), and
/// restarted after <see cref="CameraOptions.RestartDelay"/> when it dies on its own.
/// </summary>
public sealed class SyntheticCamera : IVehicleCamera, IAsyncDisposable
{
    private readonly CameraOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OverlayText _overlay;
    private readonly SemaphoreSlim _changed = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _logPath;
    private volatile bool _wantRunning;
    private volatile FfmpegProcess? _running;
    private Task? _loop;
    private int _starts;
    private int _failures;

    internal SyntheticCamera(byte systemId, CameraOptions options, string workingDirectory, TimeProvider time, ILogger logger)
    {
        SystemId = systemId;
        _options = options;
        _time = time;
        _logger = logger;
        Uri = options.UrlFor(systemId);
        _overlay = new OverlayText(Path.Combine(workingDirectory, $"camera-{systemId}.txt"));
        _logPath = Path.Combine(workingDirectory, $"camera-{systemId}.ffmpeg.log");
    }

    public byte SystemId { get; }

    /// <summary>Where the stream goes (and what VIDEO_STREAM_INFORMATION advertises).</summary>
    public string Uri { get; }

    public int Width => _options.Width;

    public int Height => _options.Height;

    public float FramesPerSecond => _options.FramesPerSecond;

    public int BitrateKbps => _options.BitrateKbps;

    /// <summary>True while ffmpeg runs.</summary>
    public bool IsStreaming => _running is { } process && !process.Completion.IsCompleted;

    /// <summary>Times ffmpeg was started.</summary>
    public int Starts => Volatile.Read(ref _starts);

    /// <summary>Times ffmpeg died on its own.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>The overlay file ffmpeg re-reads every frame.</summary>
    public string OverlayPath => _overlay.Path;

    /// <summary>ffmpeg's own log (every stderr line of every run).</summary>
    public string LogPath => _logPath;

    /// <summary>The arguments ffmpeg runs with.</summary>
    public IReadOnlyList<string> Arguments => CameraCommand.Build(_options, Uri, _overlay.Path);

    /// <summary>Rewrites the overlay with <paramref name="snapshot"/> (atomically; skipped when unchanged).</summary>
    public void UpdateOverlay(VehicleSnapshot snapshot) => _overlay.Write(snapshot);

    /// <summary>Starts the owner loop with the camera streaming.</summary>
    public void Start(VehicleSnapshot initial)
    {
        _overlay.Write(initial);
        _wantRunning = true;
        _loop ??= Task.Run(() => SuperviseAsync(_stop.Token), CancellationToken.None);
        _changed.Release();
    }

    /// <summary>Asks for the stream to run (MAV_CMD_VIDEO_START_STREAMING, or the end of the video fault).</summary>
    public void RequestStart()
    {
        _wantRunning = true;
        _changed.Release();
    }

    /// <summary>Asks for the stream to stop (MAV_CMD_VIDEO_STOP_STREAMING, or the video fault).</summary>
    public void RequestStop()
    {
        _wantRunning = false;
        _changed.Release();
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!_wantRunning)
                {
                    await _changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var process = new FfmpegProcess(new FfmpegStartInfo
                {
                    Arguments = Arguments,
                    ExecutablePath = _options.FfmpegPath,
                    Name = $"camera {SystemId}",
                    LogFilePath = _logPath,
                    StopGrace = TimeSpan.FromSeconds(3),
                    ProgressPeriod = TimeSpan.FromSeconds(1),
                }, _logger, _time);
                try
                {
                    process.Start();
                }
                catch (FfmpegExitedException ex)
                {
                    await process.DisposeAsync().ConfigureAwait(false);
                    Interlocked.Increment(ref _failures);
                    Log.CameraFailed(_logger, ex, SystemId, _options.RestartDelay.TotalSeconds);
                    await Task.Delay(_options.RestartDelay, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                Interlocked.Increment(ref _starts);
                _running = process;
                Log.CameraStarted(_logger, SystemId, VideoSource.Redact(Uri));
                try
                {
                    while (_wantRunning && !process.Completion.IsCompleted)
                    {
                        await Task.WhenAny(process.Completion, _changed.WaitAsync(cancellationToken)).ConfigureAwait(false);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    if (process.Completion.IsCompleted)
                    {
                        var exit = await process.Completion.ConfigureAwait(false);
                        Interlocked.Increment(ref _failures);
                        Log.CameraFailed(_logger, new FfmpegExitedException($"ffmpeg for camera {SystemId} exited with code {exit.ExitCode}.", exit.ExitCode, exit.LastErrorLines), SystemId, _options.RestartDelay.TotalSeconds);
                        await Task.Delay(_options.RestartDelay, _time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    await process.StopAsync(cancellationToken).ConfigureAwait(false);
                    Log.CameraStopped(_logger, SystemId);
                }
                finally
                {
                    _running = null;
                    await process.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops ffmpeg (with 'q', bounded) and the owner loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _wantRunning = false;
        _changed.Release();
        var process = _running;
        if (process is not null)
        {
            // Stop gracefully before the loop is cancelled (cancelling would kill at once).
            await process.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
        _changed.Dispose();
    }
}
