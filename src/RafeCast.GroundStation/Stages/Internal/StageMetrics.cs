using System.Diagnostics.Metrics;
using RafeCast.Storage.Outbox;

namespace RafeCast.GroundStation.Stages.Internal;

/// <summary>
/// Figures the stages keep as counters of their own, exported under the stages' meter names so <c>/metrics</c>
/// shows them beside the station's: <c>RafeCast.Mavlink</c> (frames per link, checksum errors, frames received
/// and lost per sender, frames forwarded) and <c>RafeCast.Storage</c> (outbox depth and bytes, uploads).
/// Observed only when scraped: nothing runs on the hot paths.
/// </summary>
internal sealed class StageMetrics
{
    public const string MavlinkMeterName = "RafeCast.Mavlink";
    public const string StorageMeterName = "RafeCast.Storage";

    public StageMetrics(IMeterFactory meterFactory, MavlinkLinksStage mavlink, LinkStatistics statistics, DurableOutbox outbox, OutboxUploader uploader, VideoStreamRegistry streams)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var links = meterFactory.Create(MavlinkMeterName);
        links.CreateObservableCounter("rafecast.mavlink.frames", () => mavlink.Station.Links.Select(l => new Measurement<long>(l.Counters.Frames, Tag("link", l.Name))), "{frame}", "Frames received, by link");
        links.CreateObservableCounter("rafecast.mavlink.crc_errors", () => mavlink.Station.Links.Select(l => new Measurement<long>(l.Counters.CrcErrors, Tag("link", l.Name))), "{frame}", "Frames with a bad checksum, by link");
        links.CreateObservableCounter("rafecast.mavlink.sender_frames", () => statistics.Snapshot().Select(s => new Measurement<long>(s.Received, Tag("sender", s.Sender.ToString()))), "{frame}", "Frames received, by sender (sysid/compid)");
        links.CreateObservableCounter("rafecast.mavlink.sender_frames_lost", () => statistics.Snapshot().Select(s => new Measurement<long>(s.Lost, Tag("sender", s.Sender.ToString()))), "{frame}", "Frames lost (gaps in the sender's sequence numbers), by sender");
        links.CreateObservableGauge("rafecast.mavlink.packet_loss_ratio", () => statistics.Snapshot().Select(s => new Measurement<double>(s.Received + s.Lost == 0 ? 0 : (double)s.Lost / (s.Received + s.Lost), Tag("sender", s.Sender.ToString()))), null, "Frames lost over frames sent, by sender");
        links.CreateObservableCounter("rafecast.mavlink.forwarded", () => mavlink.Station.Router.Forwarded, "{frame}", "Frames forwarded between links");
        links.CreateObservableCounter("rafecast.mavlink.forward_dropped", () => mavlink.Station.Router.Dropped, "{frame}", "Frames not forwarded because a destination fell behind");

        var storage = meterFactory.Create(StorageMeterName);
        storage.CreateObservableGauge("rafecast.storage.outbox_depth", () => outbox.PendingCount, "{job}", "Jobs in the durable outbox not yet published");
        storage.CreateObservableGauge("rafecast.storage.outbox_data", () => outbox.PendingDataBytes, "By", "Bytes of the outbox's own segment copies");
        storage.CreateObservableCounter("rafecast.storage.segments_archived", () => uploader.SegmentsArchived, "{segment}", "Segments written to the archive");
        storage.CreateObservableCounter("rafecast.storage.uploaded", () => uploader.BytesUploaded, "By", "Bytes uploaded");
        storage.CreateObservableCounter("rafecast.storage.live_playlists_skipped", () => uploader.LivePlaylistsSkipped, "{playlist}", "Live playlists skipped for a newer one (catching up to the live edge)");

        var video = meterFactory.Create(Observability.StationMetrics.MeterName);
        video.CreateObservableGauge("rafecast.station.video_frames", () => streams.All.Select(s => new Measurement<long>(s.Status.LastProgress?.Frame ?? 0, Tag("stream", s.Id.Value))), "{frame}", "Frames the stream's running ffmpeg has output (restarts from 0 with ffmpeg)");
    }

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
