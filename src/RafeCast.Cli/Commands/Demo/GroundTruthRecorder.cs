using System.Globalization;
using System.Text;
using RafeCast.Simulator;

namespace RafeCast.Cli.Commands.Demo;

/// <summary>
/// Writes where the simulated drones really were — each vehicle's true state (no GPS noise) at every simulator
/// step it sees, as JSON lines <c>{"vehicle":1,"time":"…Z","lat":…,"lon":…,"altRel":…,"armed":true}</c> — so a
/// test can compare what the station archived (telemetry through MAVLink, dome crossings) with the truth.
/// </summary>
internal sealed class GroundTruthRecorder : IAsyncDisposable
{
    private readonly DroneSimulator _simulator;
    private readonly StreamWriter _writer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<byte, DateTimeOffset> _last = [];

    public GroundTruthRecorder(DroneSimulator simulator, string path)
    {
        _simulator = simulator;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // As often as the simulator steps (50 Hz): each new snapshot is written once.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var vehicle in _simulator.Vehicles)
                {
                    var s = vehicle.Snapshot();
                    if (_last.TryGetValue(s.SystemId, out var last) && last >= s.TimeUtc)
                    {
                        continue;
                    }
                    _last[s.SystemId] = s.TimeUtc;
                    await _writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{{\"vehicle\":{s.SystemId},\"time\":\"{s.TimeUtc.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}\",\"lat\":{s.Position.Latitude:R},\"lon\":{s.Position.Longitude:R},\"altRel\":{s.Position.AltitudeRelative:R},\"armed\":{(s.Armed ? "true" : "false")}}}")).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
