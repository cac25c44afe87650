using System.Text;
using System.Text.Json;
using RafeCast.Storage.Outbox;

namespace RafeCast.Storage.Manifest;

/// <summary>One thing a flight has in the archive, as the flight's manifest lists it.</summary>
internal sealed record LedgerEntry
{
    public required string Kind { get; init; }
    public required string Flight { get; init; }
    public required string FlightPrefix { get; init; }
    public required byte VehicleSystemId { get; init; }
    public byte VehicleComponentId { get; init; }
    public string? Pilot { get; init; }

    /// <summary>Path relative to the flight folder.</summary>
    public required string Href { get; init; }
    public required string MediaType { get; init; }
    public required long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public required string Sha256 { get; init; }
    public SegmentRecord? Segment { get; init; }
    public FlightFileKind? FileKind { get; init; }
    public required DateTimeOffset CompletedUtc { get; init; }
}

/// <summary>
/// Append-only record (<c>ledger/{flight}.jsonl</c>) of what each flight has in the archive, fsynced per line.
/// The manifest is rebuilt from it; a torn last line (crash mid-append) is skipped and a repeated entry (a job
/// redone after a crash) counts once.
/// </summary>
internal static class FlightLedger
{
    public static void Append(string path, LedgerEntry entry)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(entry, OutboxJson.Default.LedgerEntry);
        FileDurability.AppendLine(path, bytes);
    }

    /// <summary>The entries of a flight, the newest per href.</summary>
    public static IReadOnlyList<LedgerEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var byHref = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                if (JsonSerializer.Deserialize(line, OutboxJson.Default.LedgerEntry) is { } entry)
                {
                    byHref[entry.Href] = entry;
                }
            }
            catch (JsonException)
            {
                // A torn line from a crash mid-append; the job that wrote it is redone and appends again.
            }
        }
        return [.. byHref.Values];
    }
}
