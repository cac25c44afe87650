using System.Globalization;
using System.Net;
using System.Text;
using RafeCast.GroundStation.Live;

namespace RafeCast.GroundStation.Viewer.Internal;

/// <summary>
/// Renders <c>/</c>: the live streams as a table in the HTML itself, so the list shows on first paint
/// (the page's script then keeps it fresh).
/// </summary>
internal static class IndexPage
{
    public const string Placeholder = "<!--STREAMS-->";

    public static string Render(string template, IReadOnlyList<StreamView> liveStreams, IReadOnlyDictionary<string, string> domeNames)
    {
        var rows = new StringBuilder();
        foreach (var stream in liveStreams)
        {
            Row(rows, stream, domeNames);
        }
        if (liveStreams.Count == 0)
        {
            rows.Append("<tr class=\"empty\"><td colspan=\"5\">No live streams right now. They appear here as soon as a vehicle's camera sends video.</td></tr>");
        }
        return template.Replace(Placeholder, rows.ToString(), StringComparison.Ordinal);
    }

    private static void Row(StringBuilder html, StreamView stream, IReadOnlyDictionary<string, string> domeNames)
    {
        var id = Encode(stream.Id);
        var since = stream.Since.ToUniversalTime();
        var domes = stream.Domes.Count == 0
            ? "outside"
            : string.Join(", ", stream.Domes.Select(d => domeNames.GetValueOrDefault(d, d)));
        html.Append(CultureInfo.InvariantCulture,
            $"<tr data-stream=\"{id}\"><td><a href=\"/watch/{id}\">{id}</a></td>" +
            $"<td class=\"vehicle\">{Encode(stream.Vehicle ?? "unknown")}</td>" +
            $"<td class=\"pilot\">{Encode(stream.Pilot ?? "—")}</td>" +
            $"<td class=\"since\"><time datetime=\"{since:yyyy-MM-dd'T'HH:mm:ss'Z'}\">{since:HH:mm:ss} UTC</time></td>" +
            $"<td class=\"dome\">{Encode(domes)}</td></tr>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
