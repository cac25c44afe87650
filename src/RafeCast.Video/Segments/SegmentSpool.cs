using System.Globalization;

namespace RafeCast.Video.Segments;

/// <summary>
/// The on-disk layout of one stream: <c>{stream}/{rung}/{sequence:D6}.ts</c>, with the playlists beside them
/// (<c>{stream}/master.m3u8</c>, <c>{stream}/{rung}/live.m3u8</c> and <c>event.m3u8</c>) and ffmpeg's own files
/// under <c>{stream}/.ingest/</c>.
/// </summary>
internal static class SegmentSpool
{
    public const string IngestFolder = ".ingest";

    /// <summary>The next free sequence number: one past the highest segment of any rung already in the spool.</summary>
    public static long NextSequence(string streamDirectory, IEnumerable<string> rungs)
    {
        var highest = -1L;
        foreach (var rung in rungs)
        {
            var dir = Path.Combine(streamDirectory, rung);
            if (!Directory.Exists(dir))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(dir, "*.ts"))
            {
                if (TryParseSequence(file, out var sequence))
                {
                    highest = Math.Max(highest, sequence);
                }
            }
        }
        return highest + 1;
    }

    /// <summary>The sequence number in a segment's file name (<c>000042.ts</c> → 42).</summary>
    public static bool TryParseSequence(string path, out long sequence)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        sequence = 0;
        return name.Length >= 6 && name.All(char.IsAsciiDigit) && long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>Replaces a file's content atomically (write a temp file, then rename), so readers never see half a playlist.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
