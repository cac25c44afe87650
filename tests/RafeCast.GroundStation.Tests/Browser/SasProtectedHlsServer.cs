using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RafeCast.GroundStation.Tests.Browser;

/// <summary>
/// Stands in for the blob storage's live container on another origin: serves an HLS tree only to
/// requests that carry the SAS query (<c>sig</c>), like Azure does, with CORS for the viewer page, and
/// marks a dome crossing in the media playlists with an EXT-X-DATERANGE cue as the tagger will.
/// </summary>
internal sealed partial class SasProtectedHlsServer : IAsyncDisposable
{
    public const string Query = "sv=2025-01-05&sr=c&sp=r&sig=abc%2Fdef%3D";
    private const string Signature = "abc/def=";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();
    private string? _crossingStart;
    private int _rejected;

    private SasProtectedHlsServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests refused for a missing or wrong signature.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    /// <summary>Paths (with query) of every request served.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>The dome the cue names (X-DOME-ID, as the geo stage writes it) and its direction (X-DIRECTION).</summary>
    public static (string Dome, string Direction) Cue => ("dome-market", "enter");

    public static async Task<SasProtectedHlsServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new SasProtectedHlsServer(app);
        app.MapGet("/live/{**path}", (string path, HttpContext context) => server.Serve(root, path, context));
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> Serve(string root, string path, HttpContext context)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (context.Request.Query["sig"] != Signature)
        {
            Interlocked.Increment(ref _rejected);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        _requests.Enqueue(context.Request.Path + context.Request.QueryString);
        var file = Path.GetFullPath(Path.Combine(root, path));
        if (!file.StartsWith(root, StringComparison.Ordinal) || !File.Exists(file))
        {
            return Results.NotFound();
        }
        if (!file.EndsWith(".m3u8", StringComparison.Ordinal))
        {
            return Results.File(file, "video/mp2t");
        }
        var text = await File.ReadAllTextAsync(file, context.RequestAborted);
        if (!path.EndsWith("master.m3u8", StringComparison.Ordinal) && ProgramDateTime().Match(text) is { Success: true } pdt)
        {
            // One crossing, at the first program-date-time this server saw, the same in every reload.
            var start = Interlocked.CompareExchange(ref _crossingStart, pdt.Groups[1].Value, null) ?? pdt.Groups[1].Value;
            var cue = $"#EXT-X-DATERANGE:ID=\"crossing-1\",CLASS=\"com.rafecast.dome-crossing\",START-DATE=\"{start}\",X-DOME-ID=\"{Cue.Dome}\",X-DIRECTION=\"{Cue.Direction}\"";
            text = text.Insert(pdt.Index + pdt.Length, "\n" + cue);
        }
        return Results.Text(text, "application/vnd.apple.mpegurl");
    }

    [GeneratedRegex("#EXT-X-PROGRAM-DATE-TIME:([^\\r\\n]+)")]
    private static partial Regex ProgramDateTime();
}
