using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RafeCast.GroundStation.Tests.Support;
using Xunit.Abstractions;

namespace RafeCast.GroundStation.Tests.Health;

public sealed class HealthEndpointTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Healthz_StationRunning_ReturnsHealthyJsonWithTheStationsChecks()
    {
        await using var host = await StationTestHost.StartAsync(output);

        using var response = await host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = json.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.Equal("healthy", root.GetProperty("checks").GetProperty("station").GetProperty("status").GetString());
        Assert.Equal("0", root.GetProperty("checks").GetProperty("station").GetProperty("data").GetProperty("vehiclesConnected").GetString());
        Assert.Equal("healthy", root.GetProperty("checks").GetProperty("viewer").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_AStageCheckIsUnhealthy_Returns503NamingTheCheckAndWhy()
    {
        await using var host = await StationTestHost.StartAsync(output, b =>
            b.Services.AddHealthChecks().AddCheck("storage", () => HealthCheckResult.Unhealthy("Azurite at 127.0.0.1:10000 does not answer"), tags: ["stage"]));

        using var response = await host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var root = json.RootElement;
        Assert.Equal("unhealthy", root.GetProperty("status").GetString());
        var storage = root.GetProperty("checks").GetProperty("storage");
        Assert.Equal("unhealthy", storage.GetProperty("status").GetString());
        Assert.Equal("Azurite at 127.0.0.1:10000 does not answer", storage.GetProperty("description").GetString());
        Assert.Equal("stage", storage.GetProperty("tags")[0].GetString());
        Assert.Equal("healthy", root.GetProperty("checks").GetProperty("station").GetProperty("status").GetString());
    }
}
