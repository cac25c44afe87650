using System.Globalization;

namespace RafeCast.Video.Timing;

/// <summary>
/// Maps the ffmpeg run's media timeline (seconds, the same timeline as the segment list's start times) to UTC.
/// ffmpeg reports, for every decoded frame, its wall clock at the moment the frame entered the filter graph
/// minus the frame's timestamp (an expression <c>print(RTCTIME-T*1000000)</c> in a <c>setpts</c> filter). Each
/// report is "true offset + how late that frame was processed" (probe buffering, decoder delay, a busy core),
/// and lateness is never negative, so the smallest report over a recent window is the best estimate of the
/// true offset. The window (default 60 s of wall time) lets the estimate follow a source clock that drifts
/// against ours.
/// </summary>
internal sealed class WallClockMapper(TimeSpan window)
{
    private readonly Lock _gate = new();
    // (when the report arrived, offset in µs), in arrival order; a monotonic deque keeps the window minimum.
    private readonly LinkedList<(DateTimeOffset ReceivedUtc, double OffsetUs)> _minima = new();
    private long _samples;
    private DateTimeOffset _lastImprovementUtc;

    public WallClockMapper()
        : this(TimeSpan.FromSeconds(60))
    {
    }

    public long Samples
    {
        get { lock (_gate) { return _samples; } }
    }

    /// <summary>Adds one report: <paramref name="offsetMicroseconds"/> = wall clock (µs since the Unix epoch) − media time (µs).</summary>
    public void Add(double offsetMicroseconds, DateTimeOffset receivedUtc)
    {
        lock (_gate)
        {
            _samples++;
            // After ffmpeg's start-up burst every new frame lowers the minimum; once frames arrive in real
            // time the minimum stops moving. That is when the mapping can be trusted (see IsSettled).
            if (_minima.First is not { } current || offsetMicroseconds < current.Value.OffsetUs - SettleToleranceUs)
            {
                _lastImprovementUtc = receivedUtc;
            }
            while (_minima.Last is { } last && last.Value.OffsetUs >= offsetMicroseconds)
            {
                _minima.RemoveLast();
            }
            _minima.AddLast((receivedUtc, offsetMicroseconds));
            var oldest = receivedUtc - window;
            while (_minima.First is { } first && first.Value.ReceivedUtc < oldest && _minima.Count > 1)
            {
                _minima.RemoveFirst();
            }
        }
    }

    private const double SettleToleranceUs = 10_000;

    /// <summary>
    /// True once the estimate has not improved by more than 10 ms for <paramref name="quiet"/>: the start-up
    /// burst (frames buffered while ffmpeg probed the input) is over and frames are reported as they arrive.
    /// </summary>
    public bool IsSettled(DateTimeOffset nowUtc, TimeSpan quiet)
    {
        lock (_gate)
        {
            return _samples > 0 && nowUtc - _lastImprovementUtc >= quiet;
        }
    }

    /// <summary>The UTC time of media time <paramref name="mediaSeconds"/>, or null before the first report.</summary>
    public DateTimeOffset? ToUtc(double mediaSeconds)
    {
        lock (_gate)
        {
            if (_minima.First is not { } best)
            {
                return null;
            }
            var unixUs = best.Value.OffsetUs + mediaSeconds * 1_000_000;
            return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(unixUs * 10));
        }
    }

    /// <summary>
    /// Parses one ffmpeg stderr line written by the <c>print</c> expression: a bare decimal number of µs
    /// (about 1.7e15 for the current era). Other log lines return false.
    /// </summary>
    public static bool TryParseReport(string line, out double offsetMicroseconds)
    {
        offsetMicroseconds = 0;
        var text = line.AsSpan().Trim();
        if (text.Length < 14 || !char.IsAsciiDigit(text[0]) || text.ContainsAnyExcept("0123456789.-"))
        {
            return false;
        }
        // Accept only plausible wall-clock offsets (between 2001 and 2286) so a stray number is not mistaken for one.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out offsetMicroseconds)
            && offsetMicroseconds is > 1e15 and < 1e16;
    }
}
