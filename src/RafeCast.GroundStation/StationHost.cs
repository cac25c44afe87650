using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RafeCast.GroundStation.Configuration;
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
    /// <param name="args">Command-line arguments (see <see cref="CommandLineSwitches"/>).</param>
    /// <param name="contentRoot">Where appsettings.json is looked for; default the working directory.</param>
    /// <param name="configFile">An extra JSON settings file, read after appsettings.json and before environment variables.</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? contentRoot = null, string? configFile = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRoot,
            ApplicationName = typeof(StationHost).Assembly.GetName().Name,
        });
        if (configFile is not null)
        {
            // After the last JSON file (appsettings.{Environment}.json), so environment variables and the
            // command line still win over it.
            var sources = builder.Configuration.Sources;
            var lastJson = sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is JsonConfigurationSource).index;
            var file = new JsonConfigurationSource { Path = Path.GetFullPath(configFile), Optional = false, ReloadOnChange = false };
            file.ResolveFileProvider();
            sources.Insert(lastJson + 1, file);
        }
        // Again, with the short switches: the last source wins, so the command line stays on top.
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>(CommandLineSwitches, StringComparer.Ordinal));
        builder.Services.AddRafeCastStation(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Builds the application, checks every options class registered with ValidateOnStart (the station's
    /// and the stages'), and maps the station's endpoints.
    /// </summary>
    /// <exception cref="StationConfigurationException">A setting is missing, malformed or out of range; the message names each key.</exception>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        WebApplication app;
        try
        {
            app = builder.Build();
        }
        catch (InvalidOperationException ex) when (IsBindingError(ex))
        {
            throw new StationConfigurationException([ex.Message], ex);
        }
        try
        {
            // Before anything resolves a service that reads its options, so all problems are reported
            // together instead of the first one some constructor happens to touch.
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException || IsBindingError(ex))
        {
            (app as IDisposable).Dispose();
            throw new StationConfigurationException(Failures(ex), ex);
        }
        app.MapRafeCastStation();
        return app;
    }

    private static bool IsBindingError(Exception ex) =>
        ex is InvalidOperationException && ex.Message.Contains("configuration value", StringComparison.Ordinal);

    private static List<string> Failures(Exception ex) => ex switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Failures)],
        _ => [ex.Message],
    };

    /// <summary>The addresses the station listens on once started, e.g. <c>http://127.0.0.1:8080</c> (the real port when 0 was asked for).</summary>
    public static IReadOnlyList<Uri> ListeningAddresses(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return [.. addresses.Select(a => new Uri(a))];
    }
}
