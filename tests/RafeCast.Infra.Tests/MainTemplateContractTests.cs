using RafeCast.Infra.Tests.Bicep;

namespace RafeCast.Infra.Tests;

/// <summary>What the compiled template promises its users: outputs for the station and the viewers, current API versions.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class MainTemplateContractTests(CompiledMainTemplate compiled)
{
    // Types whose newest stable API version in the types bundled with Bicep 0.49.2 is older than 2025
    // (newer ones are previews only): use-recent-api-versions accepts them as "the most recent".
    private static readonly Dictionary<string, string> NewestStableBefore2025 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Authorization/roleAssignments"] = "2022-04-01",
        ["Microsoft.Authorization/roleDefinitions"] = "2022-04-01",
        ["Microsoft.ManagedIdentity/userAssignedIdentities"] = "2024-11-30",
    };

    private ArmTemplate Template => compiled.Template;

    [Theory]
    [InlineData("storageBlobUrl", "[reference('storage').primaryEndpoints.blob]")]
    [InlineData("frontDoorHostName", "[reference('frontDoorEndpoint').hostName]")]
    [InlineData("stationIdentityClientId", "[reference('stationIdentity').clientId]")]
    public void Outputs_WhatTheStationAndViewersNeed_AreDeclared(string name, string value)
    {
        var output = Template.Outputs[name];

        Assert.NotNull(output);
        Assert.Equal("string", output["type"]!.GetValue<string>());
        Assert.Equal(value, output["value"]!.GetValue<string>());
    }

    [Fact]
    public void ApiVersions_EveryResource_Is2025OrLaterWhereAStableOneExists()
    {
        Assert.All(Template.AllResources(), resource =>
        {
            var type = resource.Value["type"]!.GetValue<string>();
            var apiVersion = resource.Value["apiVersion"]!.GetValue<string>();
            Assert.DoesNotContain("preview", apiVersion, StringComparison.OrdinalIgnoreCase);
            if (NewestStableBefore2025.TryGetValue(type, out var newest))
            {
                Assert.Equal(newest, apiVersion);
            }
            else
            {
                Assert.True(string.CompareOrdinal(apiVersion, "2025") > 0, $"{resource.Key} ({type}) uses API version {apiVersion}, older than 2025.");
            }
        });
    }

    [Fact]
    public void Parameters_ViewerOrigins_MustBeGiven()
    {
        var viewerOrigins = Template.Root["parameters"]!["viewerOrigins"]!;

        Assert.Null(viewerOrigins["defaultValue"]);
        Assert.Equal(1, viewerOrigins["minLength"]!.GetValue<int>());
    }
}
