using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RafeCast.GroundStation.Composition;

namespace RafeCast.GroundStation;

/// <summary>
/// Builds the ground-station host: ASP.NET Core's web application (Kestrel, generic host, configuration,
/// logging) with the station's services and endpoints. Configuration, later sources winning:
/// <c>appsettings.json</c> (and <c>appsettings.{Environment}.json</c>) in the content root, environment
/// variables (<c>RafeCast__Station__Pilot=ana</c>), then the command line
/// (<c>--RafeCast:Station:Pilot=ana</c>, or the short switches in <see cref="CommandLineSwitches"/>).
/// </summary>
public static class StationHost
{
    /// <summary>Short command-line switches and the keys they set.</summary>
    public static IReadOnlyDictionary<string, string> CommandLineSwitches { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--listen"] = "RafeCast:Station:Http:Listen",
        ["--pilot"] = "RafeCast:Station:Pilot",
        ["--data-dir"] = "RafeCast:Station:DataDirectory",
        ["--domes"] = "RafeCast:Station:Viewer:DomesFile",
        ["--hls-dir"] = "RafeCast:Station:Viewer:LocalHlsDirectory",
        ["--shutdown-timeout"] = "RafeCast:Station:ShutdownTimeout",
    };

    /// <summary>
    /// A builder with the station's configuration sources and services; stages add theirs to
    /// <see cref="WebApplicationBuilder.Services"/> before <see cref="Build"/>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? contentRoot = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRoot,
            ApplicationName = typeof(StationHost).Assembly.GetName().Name,
        });
        // Again, with the short switches: the last source wins, so the command line stays on top.
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>(CommandLineSwitches, StringComparer.Ordinal));
        builder.Services.AddRafeCastStation(builder.Configuration);
        return builder;
    }

    /// <summary>Builds the application and maps the station's endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.MapRafeCastStation();
        return app;
    }

    /// <summary>The addresses the station listens on once started, e.g. <c>http://127.0.0.1:8080</c> (the real port when 0 was asked for).</summary>
    public static IReadOnlyList<Uri> ListeningAddresses(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return [.. addresses.Select(a => new Uri(a))];
    }
}
