using RafeCast.Core.Tagging;

namespace RafeCast.Core.Publishing;

/// <summary>A tagged segment that is now visible in blob storage.</summary>
/// <param name="Tagged">What was published.</param>
/// <param name="BlobUri">The archive blob's URL (without any SAS).</param>
/// <param name="LiveUri">The live blob's URL (without any SAS), when the segment was also published live.</param>
/// <param name="Latency">From segment close in the spool to visible in storage.</param>
public sealed record PublishedSegment(TaggedSegment Tagged, Uri BlobUri, Uri? LiveUri, TimeSpan Latency);
