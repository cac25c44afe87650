using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using RafeCast.Storage.Layout;

namespace RafeCast.Storage.Archive;

/// <summary>Progress of one file of a pull.</summary>
/// <param name="Name">Path relative to the flight folder.</param>
/// <param name="Bytes">Bytes on disk so far (including what an earlier, interrupted pull left).</param>
/// <param name="Total">The blob's size.</param>
/// <param name="Done">True once the file is complete and verified.</param>
public readonly record struct PullProgress(string Name, long Bytes, long Total, bool Done);

/// <summary>What a pull did.</summary>
/// <param name="Directory">The local copy's folder.</param>
/// <param name="Files">Files in the local copy.</param>
/// <param name="BytesDownloaded">Bytes fetched by this run (less than the flight's size when it resumed).</param>
/// <param name="AlreadyComplete">Files a previous run had already completed and that verified again.</param>
/// <param name="Resumed">Files continued from a partial download.</param>
/// <param name="Redownloaded">Files whose bytes failed MD5 verification and were fetched again.</param>
public sealed record PullResult(string Directory, int Files, long BytesDownloaded, int AlreadyComplete, int Resumed, int Redownloaded);

/// <summary>The MD5 of a downloaded file did not match the blob's, twice in a row.</summary>
public sealed class PullVerificationException(string message) : Exception(message);

/// <summary>
/// Downloads a flight's folder for offline use: files in parallel, each resumed from its <c>.part</c> when an
/// earlier pull was interrupted (a Range request, If-Match on the blob's ETag so a changed blob starts over),
/// each verified against the blob's MD5 before it takes its final name, and playlists rewritten so every URI is a
/// relative path inside the copy. A rung the archive has no playlist for gets a VOD playlist from the manifest.
/// </summary>
public sealed class ArchivePuller(BlobContainerClient archive)
{
    private const int BufferSize = 64 * 1024;

    /// <summary>How many files and bytes the archive folder <paramref name="prefix"/> holds.</summary>
    public async Task<(int Files, long Bytes)> SizeAsync(string prefix, CancellationToken cancellationToken)
    {
        int files = 0;
        long bytes = 0;
        await foreach (var blob in archive.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            files++;
            bytes += blob.Properties.ContentLength ?? 0;
        }
        return (files, bytes);
    }

    /// <summary>Pulls the archive folder <paramref name="prefix"/> (<c>yyyy/MM/dd/{flight}/</c>) into <paramref name="outputDirectory"/>.</summary>
    public async Task<PullResult> PullAsync(string prefix, string outputDirectory, int parallelism, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var blobs = new List<BlobItem>();
        await foreach (var blob in archive.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            blobs.Add(blob);
        }
        if (blobs.Count == 0)
        {
            throw new FileNotFoundException($"The archive has nothing under {prefix}.");
        }
        long downloaded = 0;
        int complete = 0, resumed = 0, redownloaded = 0;
        // Largest first: the long downloads start early and the small ones fill in around them.
        await Parallel.ForEachAsync(blobs.OrderByDescending(b => b.Properties.ContentLength ?? 0),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (blob, ct) =>
            {
                var outcome = await PullOneAsync(blob, prefix, outputDirectory, progress, ct).ConfigureAwait(false);
                Interlocked.Add(ref downloaded, outcome.Bytes);
                switch (outcome.Kind)
                {
                    case FileOutcome.AlreadyComplete: Interlocked.Increment(ref complete); break;
                    case FileOutcome.Resumed: Interlocked.Increment(ref resumed); break;
                    case FileOutcome.Redownloaded: Interlocked.Increment(ref redownloaded); break;
                }
            }).ConfigureAwait(false);

        var playlists = blobs.Where(b => b.Name.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase)).Select(b => b.Name[prefix.Length..]).ToList();
        foreach (var playlist in playlists)
        {
            RewriteToRelative(Path.Combine(outputDirectory, playlist), playlist, prefix);
        }
        var generated = WriteMissingPlaylists(outputDirectory, playlists);
        return new PullResult(outputDirectory, blobs.Count + generated, downloaded, complete, resumed, redownloaded);
    }

    /// <summary>
    /// Downloads one archive blob to <paramref name="localPath"/> (resuming a <c>.part</c>, verifying the MD5) and
    /// returns the bytes fetched.
    /// </summary>
    public async Task<long> DownloadVerifiedAsync(string blobName, string localPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var slash = blobName.LastIndexOf('/');
        var prefix = slash < 0 ? string.Empty : blobName[..(slash + 1)];
        var directory = Path.GetDirectoryName(Path.GetFullPath(localPath))!;
        var item = BlobsModelFactory.BlobItem(name: blobName);
        var (_, bytes) = await PullOneAsync(item, prefix, directory, null, cancellationToken).ConfigureAwait(false);
        var pulled = Path.Combine(directory, blobName[prefix.Length..]);
        if (!string.Equals(pulled, Path.GetFullPath(localPath), StringComparison.Ordinal))
        {
            File.Move(pulled, localPath, overwrite: true);
        }
        return bytes;
    }

    private enum FileOutcome
    {
        Downloaded,
        AlreadyComplete,
        Resumed,
        Redownloaded,
    }

    private async Task<(FileOutcome Kind, long Bytes)> PullOneAsync(BlobItem item, string prefix, string outputDirectory, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        var relative = item.Name[prefix.Length..];
        var target = Path.Combine(outputDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var blob = archive.GetBlobClient(item.Name);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        var expected = properties.ContentHash;
        var total = properties.ContentLength;
        var isPlaylist = relative.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase);

        // Playlists are rewritten after download, so they never match the blob's MD5 afterwards: fetch them again.
        if (!isPlaylist && File.Exists(target) && expected is { Length: > 0 } && Md5Matches(target, expected))
        {
            progress?.Report(new PullProgress(relative, total, total, true));
            return (FileOutcome.AlreadyComplete, 0);
        }
        var part = target + ".part";
        var etagFile = part + ".etag";
        var resumedFrom = 0L;
        if (File.Exists(part) && File.Exists(etagFile) && await File.ReadAllTextAsync(etagFile, cancellationToken).ConfigureAwait(false) == properties.ETag.ToString()
            && new FileInfo(part).Length <= total)
        {
            resumedFrom = new FileInfo(part).Length;
        }
        else
        {
            File.Delete(part);
            await File.WriteAllTextAsync(etagFile, properties.ETag.ToString(), cancellationToken).ConfigureAwait(false);
        }
        var fetched = await DownloadAsync(blob, properties.ETag, part, resumedFrom, total, relative, progress, cancellationToken).ConfigureAwait(false);
        var kind = resumedFrom > 0 ? FileOutcome.Resumed : FileOutcome.Downloaded;
        if (expected is { Length: > 0 } && !Md5Matches(part, expected))
        {
            // Damaged on disk or in flight: once more from the start, then give up loudly.
            File.Delete(part);
            fetched += await DownloadAsync(blob, properties.ETag, part, 0, total, relative, progress, cancellationToken).ConfigureAwait(false);
            if (!Md5Matches(part, expected))
            {
                throw new PullVerificationException($"{item.Name}: the downloaded bytes do not match the blob's MD5, twice; the partial file is kept at {part}.");
            }
            kind = FileOutcome.Redownloaded;
        }
        File.Move(part, target, overwrite: true);
        File.Delete(etagFile);
        progress?.Report(new PullProgress(relative, total, total, true));
        return (kind, fetched);
    }

    private static async Task<long> DownloadAsync(BlobClient blob, ETag etag, string part, long offset, long total, string relative, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        if (offset >= total)
        {
            return 0;
        }
        var options = new BlobDownloadOptions
        {
            Range = new HttpRange(offset),
            Conditions = new BlobRequestConditions { IfMatch = etag },
        };
        var response = await blob.DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false);
        await using var source = response.Value.Content;
        await using var file = new FileStream(part, FileMode.Append, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        var buffer = new byte[BufferSize];
        long fetched = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            fetched += read;
            progress?.Report(new PullProgress(relative, offset + fetched, total, false));
        }
        return fetched;
    }

    private static bool Md5Matches(string path, byte[] expected)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return MD5.HashData(stream).AsSpan().SequenceEqual(expected);
    }

    /// <summary>Rewrites a downloaded playlist so that every URI into the flight's folder is relative to the playlist.</summary>
    private void RewriteToRelative(string localPath, string relative, string prefix)
    {
        var text = File.ReadAllText(localPath);
        var containerUrl = archive.Uri.AbsoluteUri.TrimEnd('/') + "/";
        var rewritten = M3u8.RewriteUris(text, uri =>
        {
            string? target = null;
            if (uri.StartsWith(containerUrl, StringComparison.OrdinalIgnoreCase))
            {
                var name = Uri.UnescapeDataString(new Uri(uri).AbsolutePath)[(new Uri(containerUrl).AbsolutePath.Length)..];
                target = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : null;
            }
            else if (uri.StartsWith('/'))
            {
                target = uri.TrimStart('/') is var absolute && absolute.Contains(prefix, StringComparison.Ordinal) ? absolute[(absolute.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..] : null;
            }
            return target is null ? null : Path.GetRelativePath(Path.GetDirectoryName(relative) is { Length: > 0 } dir ? dir : ".", target).Replace('\\', '/');
        });
        if (!string.Equals(rewritten, text, StringComparison.Ordinal))
        {
            File.WriteAllText(localPath, rewritten);
        }
    }

    /// <summary>For each stream rung with segments but no playlist, writes a VOD playlist from the manifest's assets.</summary>
    private static int WriteMissingPlaylists(string outputDirectory, IReadOnlyList<string> playlists)
    {
        var manifestPath = Path.Combine(outputDirectory, BlobLayout.ManifestName);
        if (!File.Exists(manifestPath))
        {
            return 0;
        }
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var segments = new List<(string Folder, long Sequence, double Seconds, string File)>();
        foreach (var asset in manifest.RootElement.GetProperty("assets").EnumerateObject())
        {
            if (!asset.Value.TryGetProperty("rafecast:sequence", out var sequence))
            {
                continue;
            }
            var href = asset.Name;
            var slash = href.LastIndexOf('/');
            var seconds = (DateTimeOffset.Parse(asset.Value.GetProperty("end_datetime").GetString()!, CultureInfo.InvariantCulture)
                - DateTimeOffset.Parse(asset.Value.GetProperty("start_datetime").GetString()!, CultureInfo.InvariantCulture)).TotalSeconds;
            segments.Add((slash < 0 ? string.Empty : href[..slash], sequence.GetInt64(), seconds, href[(slash + 1)..]));
        }
        var written = 0;
        foreach (var rung in segments.GroupBy(s => s.Folder))
        {
            var name = (rung.Key.Length == 0 ? string.Empty : rung.Key + "/") + "index.m3u8";
            if (playlists.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }
            var ordered = rung.OrderBy(s => s.Sequence).ToList();
            var sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-PLAYLIST-TYPE:VOD\n");
            sb.Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{(int)Math.Ceiling(ordered.Max(s => s.Seconds))}\n");
            sb.Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{ordered[0].Sequence}\n");
            for (var i = 0; i < ordered.Count; i++)
            {
                if (i > 0 && ordered[i].Sequence != ordered[i - 1].Sequence + 1)
                {
                    sb.Append("#EXT-X-DISCONTINUITY\n");
                }
                sb.Append(CultureInfo.InvariantCulture, $"#EXTINF:{ordered[i].Seconds:0.000},\n{ordered[i].File}\n");
            }
            sb.Append("#EXT-X-ENDLIST\n");
            var path = Path.Combine(outputDirectory, name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, sb.ToString());
            written++;
        }
        return written;
    }
}
