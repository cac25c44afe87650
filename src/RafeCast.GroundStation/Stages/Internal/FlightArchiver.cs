using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
using RafeCast.Geo;
using RafeCast.Geo.Sidecars;
using RafeCast.Pipeline.Events;
using RafeCast.Storage.Outbox;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Closes a flight in the archive: its event playlists ended (EXT-X-ENDLIST), its sidecars (<c>track.geojson</c>,
/// <c>track.gpx</c>, and per stream <c>subtitles.vtt</c> / <c>subtitles.srt</c> timed from the stream's first
/// segment), and its <c>telemetry.tlog</c>, all queued in the durable outbox after the flight's segments; the
/// uploader rebuilds the flight's STAC <c>flight.json</c> after each. Then <see cref="FlightEnded"/>.
/// </summary>
internal sealed class FlightArchiver(
    FlightArchive archive,
    DurableOutbox outbox,
    GeoTaggingStage geo,
    VideoStreamRegistry streams,
    FlightTelemetryRecorder telemetry,
    IPublisher publisher,
    IOptions<StationOptions> station,
    ILogger<FlightArchiver> logger)
{
    public async Task ArchiveAsync(FlightSession flight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flight);
        try
        {
            var files = 0;
            var pilot = station.Value.Pilot;
            void Enqueue(string name, FlightFileKind kind, ReadOnlySpan<byte> content)
            {
                outbox.EnqueueFile(new FlightFileUpload(flight.Id, flight.Vehicle, pilot, flight.StartUtc, name, kind), content);
                files++;
            }

            // Media time 0 of a stream's timed track is the start of its first segment in the flight (read before End forgets them).
            var windows = flight.Streams.ToDictionary(stream => stream, stream => archive.StreamWindow(flight.Id, stream));
            foreach (var playlist in archive.End(flight.Id, streams.Find))
            {
                Enqueue(playlist.Name, FlightFileKind.Playlist, Encoding.UTF8.GetBytes(playlist.Content));
            }

            var start = flight.IsGround ? flight.FirstSegmentUtc ?? flight.StartUtc : flight.StartUtc;
            var end = flight.EndUtc ?? flight.LastSegmentEndUtc ?? start;
            if (end > start)
            {
                var title = string.Create(CultureInfo.InvariantCulture, $"RafeCast flight {flight.Id} (vehicle {flight.Vehicle.SystemId})");
                var track = geo.Sidecar(title, flight.Vehicle, start, end, flight.Id);
                Enqueue("track.geojson", FlightFileKind.Sidecar, Render(GeoJsonSidecarWriter.Write, track));
                Enqueue("track.gpx", FlightFileKind.Sidecar, Render(GpxSidecarWriter.Write, track));
                foreach (var (stream, window) in windows)
                {
                    var (from, to) = window ?? (start, end);
                    var timed = geo.Sidecar($"{title}, {stream}", flight.Vehicle, from, to, flight.Id);
                    Enqueue($"{stream}/subtitles.vtt", FlightFileKind.Sidecar, Render(WebVttSidecarWriter.Write, timed));
                    Enqueue($"{stream}/subtitles.srt", FlightFileKind.Sidecar, Render(SubRipSidecarWriter.Write, timed));
                }
            }

            if (!flight.IsGround && telemetry.Stop(flight.Id) is { } tlog)
            {
                outbox.EnqueueFile(new FlightFileUpload(flight.Id, flight.Vehicle, pilot, flight.StartUtc, "telemetry.tlog", FlightFileKind.Telemetry), tlog);
                files++;
            }

            Log.FlightArchived(logger, flight.Id.Value, flight.Segments, files);
            await publisher.Publish(new FlightEnded(flight.Id, flight.Vehicle, start, end, flight.EndReason ?? FlightEndReason.StationStopped, flight.Segments), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.FlightArchiveFailed(logger, ex, flight.Id.Value);
        }
    }

    private static byte[] Render(Action<Stream, SidecarTrack> write, SidecarTrack track)
    {
        using var buffer = new MemoryStream();
        write(buffer, track);
        return buffer.ToArray();
    }
}
