using Microsoft.Extensions.Logging;
using RafeCast.Core.Flights;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Tlog;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Writes each armed flight's MAVLink traffic from its vehicle (every component of its system id, as received,
/// with arrival times) into <c>{data}/flights/{flight}/telemetry.tlog</c>, the format MAVProxy and
/// QGroundControl write, so <c>rafecast tag --telemetry</c> and other tools read it. Runs on the links'
/// receive loops: one lock, one buffered write per frame.
/// </summary>
internal sealed class FlightTelemetryRecorder(string flightsDirectory, ILogger logger) : IMavlinkFrameHandler, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte, Recording> _bySystem = [];

    /// <summary>Starts recording system <paramref name="systemId"/>'s frames for <paramref name="flight"/>.</summary>
    public void Start(FlightId flight, byte systemId)
    {
        var path = PathOf(flight);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var writer = TlogWriter.Create(path);
            lock (_gate)
            {
                if (_bySystem.Remove(systemId, out var previous))
                {
                    previous.Writer.Dispose();
                }
                _bySystem[systemId] = new Recording(flight, writer);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.FlightTelemetryFailed(logger, ex, flight.Value);
        }
    }

    /// <summary>Stops recording <paramref name="flight"/>; returns its .tlog, or null when nothing was recorded.</summary>
    public string? Stop(FlightId flight)
    {
        lock (_gate)
        {
            foreach (var (system, recording) in _bySystem)
            {
                if (recording.Flight == flight)
                {
                    _bySystem.Remove(system);
                    recording.Writer.Dispose();
                    break;
                }
            }
        }
        var path = PathOf(flight);
        return File.Exists(path) && new FileInfo(path).Length > 0 ? path : null;
    }

    public void OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc)
    {
        lock (_gate)
        {
            if (_bySystem.TryGetValue(frame.SystemId, out var recording))
            {
                try
                {
                    recording.Writer.Write(receivedUtc, frame.Raw);
                }
                catch (IOException ex)
                {
                    _bySystem.Remove(frame.SystemId);
                    recording.Writer.Dispose();
                    Log.FlightTelemetryFailed(logger, ex, recording.Flight.Value);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var recording in _bySystem.Values)
            {
                recording.Writer.Dispose();
            }
            _bySystem.Clear();
        }
    }

    private string PathOf(FlightId flight) => Path.Combine(flightsDirectory, flight.Value, "telemetry.tlog");

    private sealed record Recording(FlightId Flight, TlogWriter Writer);
}
