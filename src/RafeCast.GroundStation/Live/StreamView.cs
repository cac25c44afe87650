namespace RafeCast.GroundStation.Live;

/// <summary>A live stream as viewers see it (JSON event <c>stream</c>, <c>/api/streams</c>).</summary>
/// <param name="Id">The stream id, e.g. <c>v1-cam0</c>.</param>
/// <param name="Vehicle">The vehicle whose camera it is ("sysid/compid"): from the tagger, else from the <c>v{sysid}-cam{n}</c> convention.</param>
/// <param name="Pilot">The pilot, from the tagged segments or the station's configuration.</param>
/// <param name="Flight">The flight of the latest tagged segment.</param>
/// <param name="Since">UTC start of the first segment of this live session.</param>
/// <param name="LastSegment">UTC start of the newest segment.</param>
/// <param name="Live">True while segments keep arriving (within the idle timeout).</param>
/// <param name="Rungs">The renditions seen, e.g. 720p, 480p, 360p.</param>
/// <param name="LastSequence">Media sequence number of the newest segment (-1 before the first).</param>
/// <param name="SegmentsClosed">Segments closed, all rungs together.</param>
/// <param name="SegmentsTagged">Segments tagged.</param>
/// <param name="SegmentsPublished">Segments visible in storage.</param>
/// <param name="PublishLatencyMs">From segment close to visible in storage for the newest published segment, milliseconds.</param>
/// <param name="Domes">Ids of the domes the vehicle is inside now.</param>
/// <param name="LastGap">The newest gap, when there was one.</param>
public sealed record StreamView(
    string Id,
    string? Vehicle,
    string? Pilot,
    string? Flight,
    DateTimeOffset Since,
    DateTimeOffset LastSegment,
    bool Live,
    IReadOnlyList<string> Rungs,
    long LastSequence,
    long SegmentsClosed,
    long SegmentsTagged,
    long SegmentsPublished,
    double? PublishLatencyMs,
    IReadOnlyList<string> Domes,
    GapView? LastGap);
