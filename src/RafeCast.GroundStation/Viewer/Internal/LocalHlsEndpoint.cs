using Microsoft.AspNetCore.Http;
using RafeCast.Core.Video;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>
/// <c>/hls/{stream}/{**path}</c>: the local HLS tree, for viewers when storage gives no live URL. Only
/// playlist, segment and caption files under the stream's own folder are served.
/// </summary>
internal static class LocalHlsEndpoint
{
    public static IResult Handle(string stream, string path, HttpContext context, LocalHlsDirectory directory)
    {
        if (!TryStream(stream, out var id) || !IsSafeRelativePath(path) || ContentType(path) is not { } contentType)
        {
            return Results.NotFound();
        }
        var streamRoot = Path.Combine(directory.Root, id.Value);
        var full = Path.GetFullPath(Path.Combine(streamRoot, path));
        // Belt and braces: the checks above already keep the path inside the stream's folder.
        if (!full.StartsWith(streamRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Results.NotFound();
        }
        // Playlists change as the stream goes on; segments never change once listed.
        context.Response.Headers.CacheControl = path.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase) ? "no-cache" : "public, max-age=3600";
        return Results.File(full, contentType, enableRangeProcessing: true);
    }

    internal static bool TryStream(string text, out StreamId stream)
    {
        try
        {
            stream = new StreamId(text);
            return true;
        }
        catch (ArgumentException)
        {
            stream = default;
            return false;
        }
    }

    internal static bool IsSafeRelativePath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 512)
        {
            return false;
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment[0] == '.' || !segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    internal static string? ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".ts" => "video/mp2t",
        ".m4s" => "video/iso.segment",
        ".mp4" => "video/mp4",
        ".aac" => "audio/aac",
        ".vtt" => "text/vtt",
        _ => null,
    };
}
