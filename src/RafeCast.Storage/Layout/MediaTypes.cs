namespace RafeCast.Storage.Layout;

/// <summary>Content types and cache policies of what RafeCast publishes.</summary>
public static class MediaTypes
{
    public const string HlsPlaylist = "application/vnd.apple.mpegurl";
    public const string MpegTs = "video/mp2t";
    public const string WebVtt = "text/vtt";
    public const string Srt = "application/x-subrip";
    public const string GeoJson = "application/geo+json";
    public const string Gpx = "application/gpx+xml";
    public const string Json = "application/json";
    public const string Mp4 = "video/mp4";
    public const string Fmp4Segment = "video/iso.segment";
    public const string OctetStream = "application/octet-stream";

    /// <summary>Segments never change once written: cache them for a year.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Live playlists change every segment: a player must re-fetch within a second.</summary>
    public const string LivePlaylistCacheControl = "public, max-age=1";

    /// <summary>Archive documents that grow during a flight (event playlists, sidecars, manifest).</summary>
    public const string MutableCacheControl = "no-cache";

    /// <summary>The content type for a file name, by extension.</summary>
    public static string For(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".M3U8" => HlsPlaylist,
        ".TS" => MpegTs,
        ".VTT" => WebVtt,
        ".SRT" => Srt,
        ".GEOJSON" => GeoJson,
        ".GPX" => Gpx,
        ".JSON" => Json,
        ".MP4" => Mp4,
        ".M4S" => Fmp4Segment,
        _ => OctetStream,
    };
}
