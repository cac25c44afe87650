namespace RafeCast.GroundStation.Live;

/// <summary>A span in which a stream produced nothing (JSON event <c>gap</c>).</summary>
/// <param name="Stream">The stream id.</param>
/// <param name="Start">When media stopped, UTC.</param>
/// <param name="End">When it resumed (or the restart began), UTC.</param>
/// <param name="Reason"><c>input-lost</c>, <c>process-exited</c> or <c>restarted</c>.</param>
/// <param name="Detail">What the video stage said about it.</param>
public sealed record GapView(string Stream, DateTimeOffset Start, DateTimeOffset End, string Reason, string Detail);
