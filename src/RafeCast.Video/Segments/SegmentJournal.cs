using System.Text.Json;

namespace RafeCast.Video.Segments;

/// <summary>One closed segment as remembered across restarts of RafeCast.</summary>
internal sealed record SegmentJournalEntry(long Sequence, string File, double DurationSeconds, DateTimeOffset StartUtc, bool Discontinuity, long SizeBytes, string? Codecs);

/// <summary>
/// A per-rung JSON-lines file (<c>{stream}/.ingest/{rung}.jsonl</c>) with one line per closed segment, so
/// that after RafeCast restarts the event playlist still lists the segments of earlier runs.
/// </summary>
internal static class SegmentJournal
{
    public static void Append(string path, SegmentJournalEntry entry) =>
        File.AppendAllText(path, JsonSerializer.Serialize(entry) + "\n");

    /// <summary>The remembered segments whose files still exist, in sequence order; damaged lines are skipped.</summary>
    public static IReadOnlyList<SegmentJournalEntry> Load(string path, string rungDirectory)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var entries = new SortedDictionary<long, SegmentJournalEntry>();
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                if (JsonSerializer.Deserialize<SegmentJournalEntry>(line) is { } entry && File.Exists(Path.Combine(rungDirectory, entry.File)))
                {
                    entries[entry.Sequence] = entry;
                }
            }
            catch (JsonException)
            {
                // A line cut short by a crash: the segment it named is still in the spool, just not listed.
            }
        }
        return [.. entries.Values];
    }
}
