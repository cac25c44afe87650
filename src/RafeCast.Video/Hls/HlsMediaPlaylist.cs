using System.Globalization;
using System.Text;

namespace RafeCast.Video.Hls;

/// <summary>
/// The playlist model of one rendition (one ladder rung): the segments closed so far, in sequence order,
/// plus any extra tag lines callers attach to a segment later (the geo stage's EXT-X-DATERANGE lines).
/// It renders both the sliding-window live playlist and the full event playlist (RFC 8216 §4.3.3).
/// Pure and thread-safe: no files, no clocks, so any stage can hold one and re-render it at any time.
/// </summary>
public sealed class HlsMediaPlaylist
{
    private readonly Lock _gate = new();
    private readonly List<HlsSegmentEntry> _segments = [];
    private int _targetDurationSeconds;
    private bool _ended;

    /// <param name="targetDuration">The nominal segment duration; EXT-X-TARGETDURATION is this rounded up, or longer if a longer segment arrives.</param>
    /// <param name="liveWindow">How many segments the live playlist lists (RFC 8216 §6.2.2 wants at least three target durations).</param>
    public HlsMediaPlaylist(TimeSpan targetDuration, int liveWindow = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(targetDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(liveWindow, 3);
        _targetDurationSeconds = (int)Math.Ceiling(targetDuration.TotalSeconds - 1e-9);
        LiveWindow = liveWindow;
    }

    /// <summary>Segments in the live playlist.</summary>
    public int LiveWindow { get; }

    /// <summary>EXT-X-TARGETDURATION in whole seconds.</summary>
    public int TargetDurationSeconds
    {
        get { lock (_gate) { return _targetDurationSeconds; } }
    }

    /// <summary>True once <see cref="End"/> was called: both playlists carry EXT-X-ENDLIST.</summary>
    public bool IsEnded
    {
        get { lock (_gate) { return _ended; } }
    }

    /// <summary>A snapshot of the entries, oldest first.</summary>
    public IReadOnlyList<HlsSegmentEntry> Segments
    {
        get { lock (_gate) { return [.. _segments]; } }
    }

    /// <summary>Adds the next closed segment. Sequences must increase (gaps are allowed: a rung may lose a segment in a crash).</summary>
    public void Append(HlsSegmentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ValidateTags(entry.ExtraTags);
        lock (_gate)
        {
            if (_ended)
            {
                throw new InvalidOperationException("The playlist has ended (EXT-X-ENDLIST); no segment can follow.");
            }
            if (_segments.Count > 0 && entry.Sequence <= _segments[^1].Sequence)
            {
                throw new ArgumentException($"Segment sequence {entry.Sequence} does not follow {_segments[^1].Sequence}.", nameof(entry));
            }
            _segments.Add(entry);
            // EXTINF rounded to the nearest integer must not exceed the target duration (RFC 8216 §4.3.3.1).
            _targetDurationSeconds = Math.Max(_targetDurationSeconds, (int)Math.Round(entry.Duration.TotalSeconds, MidpointRounding.AwayFromZero));
        }
    }

    /// <summary>
    /// Adds tag lines to an already listed segment (e.g. <see cref="HlsDateRange.ToTagLine"/>). Returns false
    /// when the segment is not (or no longer) in the model. Each line must be one whole tag starting with <c>#EXT</c>.
    /// </summary>
    public bool AddExtraTags(long sequence, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var lines = tags.ToArray();
        ValidateTags(lines);
        lock (_gate)
        {
            var index = IndexOf(sequence);
            if (index < 0)
            {
                return false;
            }
            var entry = _segments[index];
            _segments[index] = entry with { ExtraTags = [.. entry.ExtraTags ?? [], .. lines] };
            return true;
        }
    }

    /// <summary>Marks the stream finished: renders carry EXT-X-ENDLIST from now on.</summary>
    public void End()
    {
        lock (_gate)
        {
            _ended = true;
        }
    }

    /// <summary>
    /// Renders one of the two playlists. <paramref name="isAvailable"/> (by sequence) lets a publisher list only
    /// segments it has already uploaded: rendering stops before the first segment that is not available.
    /// </summary>
    public string Render(HlsPlaylistView view, Func<long, bool>? isAvailable = null)
    {
        HlsSegmentEntry[] all;
        int target;
        bool ended;
        lock (_gate)
        {
            all = [.. _segments];
            target = _targetDurationSeconds;
            ended = _ended;
        }

        var available = all.Length;
        if (isAvailable is not null)
        {
            available = Array.FindIndex(all, e => !isAvailable(e.Sequence));
            if (available < 0)
            {
                available = all.Length;
            }
            else
            {
                // A segment held back means the list is not complete yet, whatever End() said.
                ended = false;
            }
        }

        var first = view == HlsPlaylistView.Live ? Math.Max(0, available - LiveWindow) : 0;
        var discontinuitySequence = 0;
        for (var i = 0; i < first; i++)
        {
            if (all[i].Discontinuity)
            {
                discontinuitySequence++;
            }
        }

        var text = new StringBuilder(256 + (available - first) * 96);
        text.Append("#EXTM3U\n");
        text.Append("#EXT-X-VERSION:3\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{target}\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{(available > first ? all[first].Sequence : NextSequence(all))}\n");
        if (discontinuitySequence > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-DISCONTINUITY-SEQUENCE:{discontinuitySequence}\n");
        }
        if (view == HlsPlaylistView.Event)
        {
            text.Append("#EXT-X-PLAYLIST-TYPE:EVENT\n");
        }
        text.Append("#EXT-X-INDEPENDENT-SEGMENTS\n");

        for (var i = first; i < available; i++)
        {
            var entry = all[i];
            if (entry.Discontinuity)
            {
                text.Append("#EXT-X-DISCONTINUITY\n");
            }
            text.Append("#EXT-X-PROGRAM-DATE-TIME:").Append(FormatDateTime(entry.StartUtc)).Append('\n');
            foreach (var tag in entry.ExtraTags ?? [])
            {
                text.Append(tag).Append('\n');
            }
            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{entry.Duration.TotalSeconds:0.000000},\n");
            text.Append(entry.Uri).Append('\n');
        }
        if (ended)
        {
            text.Append("#EXT-X-ENDLIST\n");
        }
        return text.ToString();
    }

    /// <summary>ISO 8601 UTC with milliseconds, as EXT-X-PROGRAM-DATE-TIME and EXT-X-DATERANGE want it.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static long NextSequence(HlsSegmentEntry[] all) => all.Length == 0 ? 0 : all[^1].Sequence + 1;

    private int IndexOf(long sequence)
    {
        var lo = 0;
        var hi = _segments.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = _segments[mid].Sequence;
            if (s == sequence)
            {
                return mid;
            }
            if (s < sequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }

    private static void ValidateTags(IReadOnlyList<string>? tags)
    {
        foreach (var tag in tags ?? [])
        {
            if (tag is null || !tag.StartsWith("#EXT", StringComparison.Ordinal) || tag.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"Extra playlist tag '{tag}' is not one whole tag line starting with #EXT.", nameof(tags));
            }
        }
    }
}
