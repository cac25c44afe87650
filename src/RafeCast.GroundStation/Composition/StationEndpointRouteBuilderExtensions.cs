using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
using RafeCast.GroundStation.Health;
using RafeCast.GroundStation.Json;
using RafeCast.GroundStation.Live;
using RafeCast.GroundStation.Observability;
using RafeCast.GroundStation.Viewer;
using RafeCast.GroundStation.Viewer.Internal;

namespace RafeCast.GroundStation.Composition;

/// <summary>The station's HTTP surface: the viewer pages, their JSON and live events, local HLS, health and metrics.</summary>
public static class StationEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/</c> (live streams), <c>/watch/{stream}</c> (player, map, crossings), <c>/assets/*</c>,
    /// <c>/api/streams</c>, <c>/api/streams/{stream}</c>, <c>/api/snapshot</c>, <c>/api/domes</c> (GeoJSON),
    /// <c>/api/live/events</c> (Server-Sent Events), <c>/hls/{stream}/...</c> (local HLS fallback),
    /// <c>/healthz</c> and <c>/metrics</c> (Prometheus text).
    /// </summary>
    public static IEndpointRouteBuilder MapRafeCastStation(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        endpoints.MapGet("/metrics", (HttpContext context, PrometheusExporter exporter) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(exporter.Scrape(), PrometheusExporter.ContentType);
        });

        endpoints.MapGet("/", IndexAsync);
        endpoints.MapGet("/watch/{stream}", (string stream, HttpContext context, ViewerAssets assets) =>
            LocalHlsEndpoint.TryStream(stream, out _)
                ? assets.Get("watch.html").ToResult(context)
                : Results.Text($"'{stream}' is not a stream id (letters, digits, '-' and '_').", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound));
        endpoints.MapGet("/assets/hls.min.js", (HttpContext context, HlsJsAsset hlsJs) =>
            hlsJs.Asset is { } asset
                ? asset.ToResult(context)
                : Results.Text($"/* {hlsJs.Problem} */\nconsole.error({System.Text.Json.JsonSerializer.Serialize(hlsJs.Problem ?? string.Empty, StationJsonContext.Default.String)});\n",
                    "text/javascript; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable));
        endpoints.MapGet("/assets/{name}", (string name, HttpContext context, ViewerAssets assets) =>
            name is not ("index.html" or "watch.html") && assets.Find(name) is { } asset ? asset.ToResult(context) : Results.NotFound());
        endpoints.MapGet("/favicon.ico", () => Results.NoContent());

        endpoints.MapGet("/api/streams", (LiveStationModel model, bool? live) =>
            Results.Json(model.Streams(liveOnly: live ?? false), StationJsonContext.Default.IReadOnlyListStreamView));
        endpoints.MapGet("/api/streams/{stream}", StreamDetailsAsync);
        endpoints.MapGet("/api/snapshot", (LiveStationModel model) => Results.Json(model.Snapshot(), StationJsonContext.Default.LiveSnapshot));
        endpoints.MapGet("/api/domes", DomesAsync);
        endpoints.MapGet("/api/live/events", LiveEventsEndpoint.HandleAsync);
        endpoints.MapGet("/hls/{stream}/{**path}", LocalHlsEndpoint.Handle);
        return endpoints;
    }

    private static async Task<IResult> IndexAsync(HttpContext context, LiveStationModel model, ViewerAssets assets, IDomeMapSource domes, ILoggerFactory loggers)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dome in await ReadDomesAsync(domes, loggers, context.RequestAborted).ConfigureAwait(false) ?? [])
        {
            names[dome.Id] = dome.Name;
        }
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(IndexPage.Render(assets.Text("index.html"), model.Streams(liveOnly: true), names), "text/html; charset=utf-8");
    }

    private static async Task<IResult> StreamDetailsAsync(string stream, HttpContext context, LiveStationModel model, ILiveStreamUrlProvider urls, IOptions<ViewerOptions> viewer)
    {
        if (!LocalHlsEndpoint.TryStream(stream, out var id))
        {
            return Results.NotFound();
        }
        var source = await urls.GetSourceAsync(id, context.RequestAborted).ConfigureAwait(false);
        var details = new StreamDetails(
            id.Value,
            model.Stream(id),
            model.VehicleOf(id)?.ToString(),
            source is null ? null : new SourceView(source.MasterPlaylist.ToString(), source.QueryToken, source.ExpiresUtc),
            viewer.Value.TileUrlTemplate);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(details, StationJsonContext.Default.StreamDetails);
    }

    private static async Task<IResult> DomesAsync(HttpContext context, IDomeMapSource source, ILoggerFactory loggers)
    {
        var domes = await ReadDomesAsync(source, loggers, context.RequestAborted).ConfigureAwait(false);
        if (domes is null)
        {
            return Results.Text("The dome map could not be read; the station's log says why.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(DomeGeoJsonWriter.Write(domes), "application/geo+json");
    }

    private static async Task<IReadOnlyList<Core.Domes.Dome>?> ReadDomesAsync(IDomeMapSource source, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return await source.GetDomesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DomeGeoJsonException or IOException or UnauthorizedAccessException)
        {
            Log.DomeMapFailed(loggers.CreateLogger(typeof(StationEndpointRouteBuilderExtensions).FullName!), ex, ex.Message);
            return null;
        }
    }
}
