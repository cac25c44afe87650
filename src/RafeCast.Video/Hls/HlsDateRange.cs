using System.Globalization;
using System.Text;

namespace RafeCast.Video.Hls;

/// <summary>
/// An EXT-X-DATERANGE tag (RFC 8216 §4.3.2.7): a named span of wall time, e.g. a dome crossing, that players
/// surface as timed metadata. Client attributes must start with <c>X-</c>; their values are written as quoted strings.
/// </summary>
/// <param name="Id">Unique id of the range within the playlist.</param>
/// <param name="StartUtc">UTC start.</param>
/// <param name="EndUtc">UTC end, when known.</param>
/// <param name="Class">Optional CLASS attribute, e.g. <c>org.rafecast.dome</c>.</param>
/// <param name="ClientAttributes">X-... attributes (quoted-string values).</param>
public sealed record HlsDateRange(
    string Id,
    DateTimeOffset StartUtc,
    DateTimeOffset? EndUtc = null,
    string? Class = null,
    IReadOnlyDictionary<string, string>? ClientAttributes = null)
{
    /// <summary>The whole tag line, ready for <see cref="HlsMediaPlaylist.AddExtraTags"/>.</summary>
    public string ToTagLine()
    {
        var text = new StringBuilder("#EXT-X-DATERANGE:");
        text.Append("ID=").Append(Quoted(Id, nameof(Id)));
        if (Class is not null)
        {
            text.Append(",CLASS=").Append(Quoted(Class, nameof(Class)));
        }
        text.Append(",START-DATE=\"").Append(HlsMediaPlaylist.FormatDateTime(StartUtc)).Append('"');
        if (EndUtc is { } end)
        {
            if (end < StartUtc)
            {
                throw new ArgumentException($"Date range '{Id}' ends ({end:O}) before it starts ({StartUtc:O}).");
            }
            text.Append(",END-DATE=\"").Append(HlsMediaPlaylist.FormatDateTime(end)).Append('"');
            text.Append(CultureInfo.InvariantCulture, $",DURATION={(end - StartUtc).TotalSeconds:0.000}");
        }
        foreach (var (name, value) in ClientAttributes ?? new Dictionary<string, string>())
        {
            if (!name.StartsWith("X-", StringComparison.Ordinal) || !name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw new ArgumentException($"Date range attribute '{name}' must be X- followed by upper-case letters, digits and '-'.");
            }
            text.Append(',').Append(name).Append('=').Append(Quoted(value, name));
        }
        return text.ToString();
    }

    // quoted-string: no double quote, CR or LF inside (RFC 8216 §4.2).
    private static string Quoted(string value, string what)
    {
        if (value.AsSpan().IndexOfAny('"', '\r', '\n') >= 0)
        {
            throw new ArgumentException($"Date range {what} '{value}' may not hold a double quote or a line break.");
        }
        return $"\"{value}\"";
    }
}
