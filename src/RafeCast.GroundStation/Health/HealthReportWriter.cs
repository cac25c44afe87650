using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RafeCast.GroundStation.Json;

namespace RafeCast.GroundStation.Health;

/// <summary>Writes a <see cref="HealthReport"/> as <see cref="HealthReportView"/> JSON.</summary>
internal static class HealthReportWriter
{
    public static HealthReportView ToView(HealthReport report) => new(
        StatusName(report.Status),
        report.TotalDuration.TotalMilliseconds,
        report.Entries.ToDictionary(
            e => e.Key,
            e => new HealthCheckView(
                StatusName(e.Value.Status),
                e.Value.Description,
                e.Value.Duration.TotalMilliseconds,
                e.Value.Exception?.Message,
                e.Value.Data.Count == 0 ? null : e.Value.Data.ToDictionary(d => d.Key, d => Text(d.Value), StringComparer.Ordinal),
                e.Value.Tags.Any() ? [.. e.Value.Tags] : null),
            StringComparer.Ordinal));

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, ToView(report), StationJsonContext.Default.HealthReportView, context.RequestAborted);
    }

    public static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
