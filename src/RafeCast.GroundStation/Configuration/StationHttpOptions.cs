using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace RafeCast.GroundStation.Configuration;

/// <summary>The station's web server: viewer page, health and metrics (section <c>RafeCast:Station:Http</c>).</summary>
public sealed class StationHttpOptions : IRafeCastOptions
{
    public static string SectionPath => "RafeCast:Station:Http";

    /// <summary>The default <see cref="Listen"/> address.</summary>
    public const string DefaultListen = "127.0.0.1:8080";

    /// <summary>
    /// The address the web server binds, <c>HOST:PORT</c> with an IP address (<c>127.0.0.1:8080</c>,
    /// <c>[::1]:8080</c>, <c>0.0.0.0:8080</c> for every interface) or <c>localhost</c>. Port 0 lets the
    /// operating system pick a free port. Default <c>127.0.0.1:8080</c>: loopback only.
    /// </summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>Parses <see cref="Listen"/>; false when it is not <c>HOST:PORT</c> as described there.</summary>
    public static bool TryParseListen(string? text, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text.Trim();
        if (trimmed.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = string.Concat("127.0.0.1", trimmed.AsSpan("localhost".Length));
        }
        // IPEndPoint.TryParse accepts a bare address (port 0); a port is required here.
        var colon = trimmed.LastIndexOf(':');
        var bracket = trimmed.LastIndexOf(']');
        if (colon < 0 || colon < bracket || colon == trimmed.Length - 1)
        {
            return false;
        }
        if (!IPEndPoint.TryParse(trimmed, out var parsed) || parsed.Port is < 0 or > 65535)
        {
            return false;
        }
        endPoint = parsed;
        return true;
    }
}
