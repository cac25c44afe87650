using System.Text;

namespace RafeCast.Mavlink;

/// <summary>MAVLink <c>char[N]</c> fields: UTF-8 bytes, NUL-terminated unless they fill the whole array.</summary>
public static class MavlinkText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The text up to the first NUL (or the whole span).</summary>
    public static string Decode(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Utf8.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>Writes <paramref name="text"/> into <paramref name="field"/>, cut at a character boundary to fit, rest zeroed.</summary>
    public static void Encode(ReadOnlySpan<char> text, Span<byte> field)
    {
        field.Clear();
        var encoder = Utf8.GetEncoder();
        encoder.Convert(text, field, flush: true, out _, out _, out _);
    }
}
