using System;
using System.Text;

namespace RafeCast.Mavlink.Generator;

/// <summary>C# names for MAVLink names: GLOBAL_POSITION_INT → GlobalPositionInt, time_boot_ms → TimeBootMs.</summary>
internal static class Naming
{
    public static string Pascal(string name)
    {
        var upperOnly = name.ToUpperInvariant() == name;
        var builder = new StringBuilder(name.Length);
        foreach (var part in name.Split(new[] { '_', ' ', '-', '.' }, StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpperInvariant(part[0]));
            var rest = part.Substring(1);
            builder.Append(upperOnly ? rest.ToLowerInvariant() : rest);
        }
        return Identifier(builder.ToString());
    }

    /// <summary>Entry name without its enum's prefix: MAV_TYPE_QUADROTOR in MAV_TYPE → Quadrotor.</summary>
    public static string EnumMember(string enumName, string entryName)
    {
        // Drop the words the entry shares with its enum's name: MAV_MISSION_ACCEPTED in MAV_MISSION_RESULT → Accepted.
        var enumWords = enumName.Split('_');
        var entryWords = entryName.Split('_');
        var shared = 0;
        while (shared < enumWords.Length && shared < entryWords.Length - 1 && enumWords[shared] == entryWords[shared])
        {
            shared++;
        }
        var trimmed = string.Join("_", entryWords, shared, entryWords.Length - shared);
        var pascal = Pascal(trimmed);
        if (pascal.Length > 0 && pascal[0] == '_')
        {
            // A member that would start with a digit (GPS_FIX_TYPE_2D_FIX) keeps the last word of its enum: Type2dFix.
            var words = enumName.Split('_');
            pascal = Pascal(words[words.Length - 1]) + pascal.Substring(1);
        }
        return pascal;
    }

    private static string Identifier(string name)
    {
        if (name.Length == 0)
        {
            return "_";
        }
        var builder = new StringBuilder(name.Length + 1);
        if (!char.IsLetter(name[0]) && name[0] != '_')
        {
            builder.Append('_');
        }
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }
        return builder.ToString();
    }

    /// <summary>Text safe inside an XML doc comment.</summary>
    public static string Doc(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# string literal.</summary>
    public static string Literal(string? text)
    {
        if (text is null)
        {
            return "null";
        }
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 32 || c > 126)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>A plain-words gloss for the unit names the MAVLink schema uses, for XML docs.</summary>
    public static string? ExplainUnits(string units) => units switch
    {
        "degE7" => "degrees × 10⁷",
        "degE5" => "degrees × 10⁵",
        "deg" => "degrees",
        "cdeg" => "centidegrees (degrees × 100)",
        "rad" => "radians",
        "rad/s" => "radians per second",
        "mrad/s" => "milliradians per second",
        "m" => "metres",
        "cm" => "centimetres",
        "mm" => "millimetres",
        "m/s" => "metres per second",
        "cm/s" => "centimetres per second",
        "mm/s" => "millimetres per second",
        "m/s/s" => "metres per second²",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "Hz" => "hertz",
        "V" => "volts",
        "mV" => "millivolts",
        "A" => "amperes",
        "cA" => "centiamperes (10 mA)",
        "mAh" => "milliampere-hours",
        "hJ" => "hectojoules (100 J)",
        "%" => "percent",
        "d%" => "tenths of a percent",
        "c%" => "hundredths of a percent",
        "cdegC" => "centidegrees Celsius",
        "degC" => "degrees Celsius",
        "Pa" => "pascals",
        "hPa" => "hectopascals",
        "pix" => "pixels",
        "bits/s" => "bits per second",
        "MiB" => "mebibytes",
        "dB" => "decibels",
        "dBm" => "decibel-milliwatts",
        "gauss" => "gauss",
        "mgauss" => "milligauss",
        "mG" => "milligauss",
        "mT" => "millitesla",
        "W" => "watts",
        "rpm" => "revolutions per minute",
        "Wh" => "watt-hours",
        _ => null,
    };
}
