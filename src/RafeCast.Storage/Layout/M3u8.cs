namespace RafeCast.Storage.Layout;

/// <summary>The little of HLS playlists (RFC 8216) the publisher and the puller need: which URIs a playlist lists, and rewriting them.</summary>
public static class M3u8
{
    /// <summary>
    /// URIs a playlist refers to: every non-blank line that is not a tag or comment (segments, variant
    /// playlists), plus <c>URI="..."</c> attributes (EXT-X-MAP, EXT-X-MEDIA, EXT-X-KEY), in order.
    /// </summary>
    public static IReadOnlyList<string> ListedUris(string playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var uris = new List<string>();
        foreach (var raw in playlist.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line[0] != '#')
            {
                uris.Add(line);
                continue;
            }
            if (AttributeUri(line) is { } uri)
            {
                uris.Add(uri);
            }
        }
        return uris;
    }

    /// <summary>Rewrites every URI of <paramref name="playlist"/> with <paramref name="rewrite"/> (null keeps it).</summary>
    public static string RewriteUris(string playlist, Func<string, string?> rewrite)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        ArgumentNullException.ThrowIfNull(rewrite);
        var lines = playlist.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            if (trimmed[0] != '#')
            {
                lines[i] = rewrite(trimmed) ?? line;
            }
            else if (AttributeUri(trimmed) is { } uri && rewrite(uri) is { } replaced)
            {
                lines[i] = line.Replace($"URI=\"{uri}\"", $"URI=\"{replaced}\"", StringComparison.Ordinal);
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>
    /// The blob name a relative URI in a playlist named <paramref name="playlistBlobName"/> points at, or null
    /// for absolute URLs and paths that climb out of the container.
    /// </summary>
    public static string? ResolveRelative(string playlistBlobName, string uri)
    {
        ArgumentNullException.ThrowIfNull(playlistBlobName);
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Contains("://", StringComparison.Ordinal) || uri.StartsWith('/'))
        {
            return null;
        }
        var query = uri.IndexOfAny(['?', '#']);
        if (query >= 0)
        {
            uri = uri[..query];
        }
        var slash = playlistBlobName.LastIndexOf('/');
        var parts = new List<string>(slash < 0 ? [] : playlistBlobName[..slash].Split('/'));
        foreach (var part in uri.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(Uri.UnescapeDataString(part));
        }
        return string.Join('/', parts);
    }

    private static string? AttributeUri(string tagLine)
    {
        var at = tagLine.IndexOf("URI=\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var start = at + 5;
        var end = tagLine.IndexOf('"', start);
        return end > start ? tagLine[start..end] : null;
    }
}
