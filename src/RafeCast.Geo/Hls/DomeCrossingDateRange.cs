using System.Globalization;
using RafeCast.Core.Domes;

namespace RafeCast.Geo.Hls;

/// <summary>
/// Builds the <c>EXT-X-DATERANGE</c> line (RFC 8216bis §4.4.5.1) that marks a dome crossing in an HLS media
/// playlist, for the playlist writer to put before the segment the crossing falls in:
/// <code>#EXT-X-DATERANGE:ID="crossing-v1-dome-harbour-enter-20261126T103001250Z",CLASS="com.rafecast.dome-crossing",START-DATE="2026-11-26T10:30:01.250Z",DURATION=0,X-DOME-ID="dome-harbour",X-DIRECTION="enter"</code>
/// A crossing is an instant, which the specification writes as a duration of 0. Players (hls.js, Safari)
/// expose date ranges as timed metadata cues. The playlist must carry EXT-X-PROGRAM-DATE-TIME.
/// </summary>
public static class DomeCrossingDateRange
{
    /// <summary>The CLASS of every crossing date range.</summary>
    public const string Class = "com.rafecast.dome-crossing";

    /// <summary>The tag name, with its leading '#'.</summary>
    public const string TagName = "#EXT-X-DATERANGE";

    /// <summary>The full tag line for <paramref name="crossing"/> (no line break).</summary>
    public static string Format(DomeCrossing crossing)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        var direction = crossing.Direction switch
        {
            CrossingDirection.Enter => "enter",
            CrossingDirection.Exit => "exit",
            _ => "over",
        };
        var utc = crossing.TimeUtc.UtcDateTime;
        var id = string.Create(CultureInfo.InvariantCulture,
            $"crossing-v{crossing.Vehicle.SystemId}-{crossing.DomeId}-{direction}-{utc:yyyyMMdd'T'HHmmssfff'Z'}");
        return string.Create(CultureInfo.InvariantCulture,
            $"{TagName}:ID={Quoted(id)},CLASS={Quoted(Class)},START-DATE={Quoted(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))},DURATION=0,X-DOME-ID={Quoted(crossing.DomeId)},X-DIRECTION={Quoted(direction)}");
    }

    /// <summary>The lines for several crossings, in time order.</summary>
    public static IReadOnlyList<string> Format(IEnumerable<DomeCrossing> crossings)
    {
        ArgumentNullException.ThrowIfNull(crossings);
        return [.. crossings.OrderBy(c => c.TimeUtc).Select(Format)];
    }

    private static string Quoted(string value)
    {
        // A quoted-string may not hold '"', CR or LF (RFC 8216bis §4.2); dome ids are restricted to
        // letters, digits, '-', '_' and '.', so this only guards against ids made up in code.
        if (value.AsSpan().IndexOfAny('"', '\r', '\n') >= 0)
        {
            throw new ArgumentException($"'{value}' cannot be written as an HLS quoted-string.", nameof(value));
        }
        return "\"" + value + "\"";
    }
}
