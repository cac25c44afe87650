using System.Globalization;
using System.Text;

namespace RafeCast.Video.Segments;

/// <summary>One line of ffmpeg's CSV segment list: written once the segment file is complete.</summary>
internal sealed record SegmentListEntry(string FileName, double StartSeconds, double EndSeconds);

/// <summary>
/// Follows the CSV segment list the segment muxer appends to as it closes each segment
/// (<c>file,start,end</c>, times on the run's media timeline). Returns only whole lines that are new since
/// the last read; a half-written line stays for the next read.
/// </summary>
internal sealed class SegmentListTail(string path)
{
    private long _offset;
    private string _partial = "";

    public string Path { get; } = path;

    public IReadOnlyList<SegmentListEntry> ReadNew()
    {
        if (!File.Exists(Path))
        {
            return [];
        }
        string text;
        using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (stream.Length <= _offset)
            {
                return [];
            }
            stream.Seek(_offset, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - _offset];
            stream.ReadExactly(buffer);
            _offset += buffer.Length;
            text = _partial + Encoding.UTF8.GetString(buffer);
        }
        var lastNewline = text.LastIndexOf('\n');
        if (lastNewline < 0)
        {
            _partial = text;
            return [];
        }
        _partial = text[(lastNewline + 1)..];
        var entries = new List<SegmentListEntry>();
        foreach (var line in text[..lastNewline].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryParse(line) is { } entry)
            {
                entries.Add(entry);
            }
        }
        return entries;
    }

    /// <summary>Parses <c>name,start,end</c>; the name is quoted when it holds a comma (CSV), which ours never do.</summary>
    internal static SegmentListEntry? TryParse(string line)
    {
        var parts = line.Split(',');
        if (parts.Length < 3)
        {
            return null;
        }
        var name = string.Join(',', parts[..^2]).Trim('"');
        return double.TryParse(parts[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
            && double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var end)
            && end >= start
            ? new SegmentListEntry(name, start, end)
            : null;
    }
}
