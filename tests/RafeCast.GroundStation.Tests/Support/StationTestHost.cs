using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RafeCast.Testing;
using Xunit.Abstractions;

namespace RafeCast.GroundStation.Tests.Support;

/// <summary>
/// The real station host (Kestrel on a free 127.0.0.1 port chosen by the OS, fresh data directory, no
/// appsettings.json from the working directory) with an HttpClient pointed at it.
/// </summary>
internal sealed class StationTestHost : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private StationTestHost(WebApplication app, TempDirectory data)
    {
        App = app;
        _data = data;
        BaseAddress = app.ListeningAddresses()[0];
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public IPublisher Publisher => Services.GetRequiredService<IPublisher>();

    public string DataDirectory => _data.Path;

    /// <summary>Builds (without starting) a station; <paramref name="args"/> come after the test defaults, so they win.</summary>
    public static (WebApplicationBuilder Builder, TempDirectory Data) CreateBuilder(ITestOutputHelper? output, params string[] args)
    {
        var data = new TempDirectory("rafecast-station");
        string[] all = ["--listen", "127.0.0.1:0", "--data-dir", data.Path, .. args];
        var builder = StationHost.CreateBuilder(all, contentRoot: data.Path);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        if (output is not null)
        {
            builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
        }
        return (builder, data);
    }

    public static async Task<StationTestHost> StartAsync(ITestOutputHelper? output, Action<WebApplicationBuilder>? configure = null, params string[] args)
    {
        var (builder, data) = CreateBuilder(output, args);
        configure?.Invoke(builder);
        var app = StationHost.Build(builder);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            data.Dispose();
            throw;
        }
        return new StationTestHost(app, data);
    }

    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await App.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        await App.DisposeAsync().ConfigureAwait(false);
        _data.Dispose();
    }
}
