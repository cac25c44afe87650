using System.Globalization;
using RafeCast.Core.Domes;

namespace RafeCast.Geo.Sidecars;

/// <summary>Number and time formatting shared by the sidecar writers (invariant culture, UTC).</summary>
internal static class SidecarFormat
{
    /// <summary>Degrees rounded to 1e-7 (about a centimetre), as MAVLink carries them.</summary>
    public static double Degrees(double value) => Math.Round(value, 7);

    /// <summary>Metres rounded to a centimetre.</summary>
    public static double Metres(double value) => Math.Round(value, 2);

    /// <summary>ISO-8601 UTC with milliseconds: 2026-11-26T10:30:00.250Z.</summary>
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Direction(CrossingDirection direction) => direction switch
    {
        CrossingDirection.Enter => "enter",
        CrossingDirection.Exit => "exit",
        _ => "over",
    };

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
