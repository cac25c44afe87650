namespace RafeCast.GroundStation.Configuration;

/// <summary>The viewer web page (section <c>RafeCast:Station:Viewer</c>).</summary>
public sealed class ViewerOptions : IRafeCastOptions
{
    public static string SectionPath => "RafeCast:Station:Viewer";

    /// <summary>
    /// Path of hls.js (<c>hls.min.js</c>) to serve to viewers. Default: found under
    /// <c>tools/node/node_modules/hls.js/dist</c> of the checkout (installed by <c>tools/setup.sh</c>)
    /// or beside the application. Never loaded from a public CDN.
    /// </summary>
    public string? HlsJs { get; set; }

    /// <summary>
    /// A dome registry (GeoJSON FeatureCollection of Polygon / MultiPolygon features) to draw on the
    /// map when no geo stage provides the domes. Optional.
    /// </summary>
    public string? DomesFile { get; set; }

    /// <summary>
    /// The local HLS tree served at <c>/hls/{stream}/...</c> when storage gives no live URL:
    /// one folder per stream id holding <c>master.m3u8</c>. Default <c>{DataDirectory}/live</c>.
    /// </summary>
    public string? LocalHlsDirectory { get; set; }

    /// <summary>
    /// Optional slippy-map tile URL template with <c>{z}</c>, <c>{x}</c>, <c>{y}</c> (e.g. a tile server on
    /// the local network) drawn under the domes. Default none: the map needs no internet.
    /// </summary>
    public string? TileUrlTemplate { get; set; }
}
