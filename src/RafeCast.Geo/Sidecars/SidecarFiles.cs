namespace RafeCast.Geo.Sidecars;

/// <summary>The four sidecar files of one window, written side by side.</summary>
public static class SidecarFiles
{
    /// <summary>File extensions written, in order: GeoJSON, GPX, WebVTT, SubRip.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".geojson", ".gpx", ".vtt", ".srt"];

    /// <summary>
    /// Writes <c>NAME.geojson</c>, <c>NAME.gpx</c>, <c>NAME.vtt</c> and <c>NAME.srt</c> into
    /// <paramref name="directory"/> (created if missing). Each file is written to a temporary name and
    /// moved into place, so a reader never sees half a file. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string directory, string baseName, SidecarTrack track)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(baseName);
        ArgumentNullException.ThrowIfNull(track);
        if (baseName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || baseName.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{baseName}' is not a file name.", nameof(baseName));
        }
        Directory.CreateDirectory(directory);
        var written = new List<string>(4);
        Write(directory, baseName, ".geojson", track, GeoJsonSidecarWriter.Write, written);
        Write(directory, baseName, ".gpx", track, GpxSidecarWriter.Write, written);
        Write(directory, baseName, ".vtt", track, WebVttSidecarWriter.Write, written);
        Write(directory, baseName, ".srt", track, SubRipSidecarWriter.Write, written);
        return written;
    }

    private static void Write(string directory, string baseName, string extension, SidecarTrack track, Action<Stream, SidecarTrack> write, List<string> written)
    {
        var path = Path.Combine(directory, baseName + extension);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(stream, track);
        }
        File.Move(temporary, path, overwrite: true);
        written.Add(path);
    }
}
