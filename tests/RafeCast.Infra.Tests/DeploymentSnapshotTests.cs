using System.Text.Json.Nodes;
using RafeCast.Infra.Tests.Bicep;

namespace RafeCast.Infra.Tests;

/// <summary>What a deployment of infra/main.bicep with its parameters file creates, evaluated offline by <c>bicep snapshot</c>.</summary>
public sealed class DeploymentSnapshotTests(MainTemplateSnapshots snapshots) : IClassFixture<MainTemplateSnapshots>
{
    private static readonly DeploymentScope Scope = DeploymentScope.Example;

    private DeploymentSnapshot Shipped => snapshots.Shipped;

    private JsonObject StorageAccount => Shipped.Single("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Snapshot_ShippedParameters_HasNoDiagnostics() =>
        Assert.Empty(Shipped.Diagnostics);

    [Fact]
    public void Snapshot_ShippedParameters_CreatesExactlyTheDesignedResources()
    {
        string[] expected =
        [
            "Microsoft.Authorization/roleAssignments", // station: Storage Blob Data Owner on the account
            "Microsoft.Authorization/roleAssignments", // Front Door: Storage Blob Data Reader on live
            "Microsoft.Cdn/profiles",
            "Microsoft.Cdn/profiles/afdEndpoints",
            "Microsoft.Cdn/profiles/afdEndpoints/routes",
            "Microsoft.Cdn/profiles/originGroups",
            "Microsoft.Cdn/profiles/originGroups/origins",
            "Microsoft.Cdn/profiles/ruleSets",
            "Microsoft.Cdn/profiles/ruleSets/rules",
            "Microsoft.ManagedIdentity/userAssignedIdentities",
            "Microsoft.Storage/storageAccounts",
            "Microsoft.Storage/storageAccounts/blobServices",
            "Microsoft.Storage/storageAccounts/blobServices/containers", // archive
            "Microsoft.Storage/storageAccounts/blobServices/containers", // live
            "Microsoft.Storage/storageAccounts/managementPolicies",
        ];

        var types = Shipped.Resources.Select(r => r["type"]!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(expected, types);
    }

    [Fact]
    public void StationRoleAssignment_Evaluated_IsStorageBlobDataOwnerOnTheAccount()
    {
        var assignment = Assert.Single(
            Shipped.OfType("Microsoft.Authorization/roleAssignments"),
            a => a["properties"]!["principalId"]!.GetValue<string>().Contains("/userAssignedIdentities/id-rafecast-station'", StringComparison.Ordinal));

        Assert.Equal($"/subscriptions/{Scope.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{BuiltInRoles.StorageBlobDataOwner}", assignment["properties"]!["roleDefinitionId"]!.GetValue<string>());
        Assert.StartsWith($"{Id(StorageAccount)}/providers/Microsoft.Authorization/roleAssignments/", Id(assignment), StringComparison.Ordinal);
    }

    [Fact]
    public void Containers_Evaluated_AreLiveAndArchive()
    {
        var names = Shipped.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").Select(c => c["name"]!.GetValue<string>().Split('/')[^1]);

        Assert.Equal(["archive", "live"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BlobCors_ShippedParameters_LetsViewerOriginsGetHeadAndOptionsWithRange()
    {
        var rule = Assert.Single(Shipped.Single("Microsoft.Storage/storageAccounts/blobServices")["properties"]!["cors"]!["corsRules"]!.AsArray())!;

        Assert.Equal(["GET", "HEAD", "OPTIONS"], Strings(rule["allowedMethods"]).Order(StringComparer.Ordinal));
        Assert.Contains("Range", Strings(rule["allowedHeaders"]));
        var origins = Strings(rule["allowedOrigins"]);
        Assert.NotEmpty(origins);
        // A browser sends "scheme://host[:port]"; an origin with a path or a trailing slash never matches.
        Assert.All(origins, origin => Assert.Equal(new Uri(origin).GetLeftPart(UriPartial.Authority), origin));
    }

    [Fact]
    public void Lifecycle_ShippedParameters_DeletesLiveAndOnlyCoolsTheArchive()
    {
        var rules = Shipped.Single("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray().OfType<JsonObject>().ToList();

        var live = Assert.Single(rules, r => Strings(r["definition"]!["filters"]!["prefixMatch"]).SequenceEqual(["live/"]));
        var archive = Assert.Single(rules, r => Strings(r["definition"]!["filters"]!["prefixMatch"]).SequenceEqual(["archive/"]));
        Assert.Equal(2, rules.Count);
        var liveActions = live["definition"]!["actions"]!["baseBlob"]!.AsObject();
        Assert.Equal("delete", Assert.Single(liveActions).Key);
        Assert.Equal(2, liveActions["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<int>());
        // The archive keeps everything: it changes tier, it is never deleted.
        var archiveActions = archive["definition"]!["actions"]!["baseBlob"]!.AsObject();
        Assert.Equal("tierToCool", Assert.Single(archiveActions).Key);
        Assert.Equal(30, archiveActions["tierToCool"]!["daysAfterModificationGreaterThan"]!.GetValue<int>());
    }

    [Fact]
    public void FrontDoor_Evaluated_StandardProfileServesLiveFromTheBlobOrigin()
    {
        var profile = Shipped.Single("Microsoft.Cdn/profiles");
        var route = Shipped.Single("Microsoft.Cdn/profiles/afdEndpoints/routes");
        var originGroup = Shipped.Single("Microsoft.Cdn/profiles/originGroups");
        var origin = Shipped.Single("Microsoft.Cdn/profiles/originGroups/origins");

        Assert.Equal("Standard_AzureFrontDoor", profile["sku"]!["name"]!.GetValue<string>());
        Assert.Equal(["/live/*"], Strings(route["properties"]!["patternsToMatch"]));
        Assert.Equal(Id(originGroup), route["properties"]!["originGroup"]!["id"]!.GetValue<string>());
        // Plain HTTP is only ever redirected to HTTPS.
        Assert.Contains("Https", Strings(route["properties"]!["supportedProtocols"]));
        Assert.Equal("Enabled", route["properties"]!["httpsRedirect"]!.GetValue<string>());
        Assert.NotNull(route["properties"]!["cacheConfiguration"]);
        Assert.StartsWith(Id(originGroup) + "/origins/", Id(origin), StringComparison.Ordinal);
        Assert.Contains($"'{StorageAccount["name"]!.GetValue<string>()}'", origin["properties"]!["hostName"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void FrontDoorRules_OnTheLiveRoute_HonourCacheControlAuthenticateAndAllowAnyPage()
    {
        var ruleSet = Shipped.Single("Microsoft.Cdn/profiles/ruleSets");
        var rule = Shipped.Single("Microsoft.Cdn/profiles/ruleSets/rules");
        var route = Shipped.Single("Microsoft.Cdn/profiles/afdEndpoints/routes");
        var actions = rule["properties"]!["actions"]!.AsArray().OfType<JsonObject>().ToList();

        Assert.Equal([Id(ruleSet)], route["properties"]!["ruleSets"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Empty(rule["properties"]!["conditions"]!.AsArray());
        var cache = Assert.Single(actions, a => a["name"]!.GetValue<string>() == "RouteConfigurationOverride")["parameters"]!["cacheConfiguration"]!;
        Assert.Equal("HonorOrigin", cache["cacheBehavior"]!.GetValue<string>());
        var requestHeader = Assert.Single(actions, a => a["name"]!.GetValue<string>() == "ModifyRequestHeader")["parameters"]!;
        Assert.Equal("x-ms-version", requestHeader["headerName"]!.GetValue<string>());
        // Storage accepts OAuth bearer tokens from REST version 2017-11-09 on.
        Assert.True(string.CompareOrdinal(requestHeader["value"]!.GetValue<string>(), "2017-11-09") >= 0);
        // One cached copy serves every page (Front Door ignores Vary: Origin), so it must suit every page.
        var responseHeader = Assert.Single(actions, a => a["name"]!.GetValue<string>() == "ModifyResponseHeader")["parameters"]!;
        Assert.Equal(("Access-Control-Allow-Origin", "Overwrite", "*"), (responseHeader["headerName"]!.GetValue<string>(), responseHeader["headerAction"]!.GetValue<string>(), responseHeader["value"]!.GetValue<string>()));
    }

    [Fact]
    public void Editors_ShippedParameters_AreGrantedNothing()
    {
        Assert.DoesNotContain(Shipped.OfType("Microsoft.Authorization/roleAssignments"), a => a["properties"]!["principalType"]!.GetValue<string>() == "Group");
        Assert.Empty(Shipped.OfType("Microsoft.Authorization/roleDefinitions"));
    }

    [Fact]
    public void Editors_WithAGroup_CanReadAndSearchByTagsOnTheAccount()
    {
        var snapshot = snapshots.WithEditors;
        var account = snapshot.Single("Microsoft.Storage/storageAccounts");
        var tagReaderRole = snapshot.Single("Microsoft.Authorization/roleDefinitions");

        var grants = snapshot.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a["properties"]!["principalId"]!.GetValue<string>() == MainTemplateSnapshots.EditorsGroupObjectId)
            .ToList();

        Assert.Equal(2, grants.Count);
        Assert.All(grants, g => Assert.Equal("Group", g["properties"]!["principalType"]!.GetValue<string>()));
        Assert.All(grants, g => Assert.StartsWith(Id(account) + "/providers/Microsoft.Authorization/roleAssignments/", Id(g), StringComparison.Ordinal));
        Assert.Equal(
            new[] { Id(tagReaderRole), $"/subscriptions/{Scope.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{BuiltInRoles.StorageBlobDataReader}" }.Order(StringComparer.Ordinal),
            grants.Select(g => g["properties"]!["roleDefinitionId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal([Scope.ResourceGroupId], Strings(tagReaderRole["properties"]!["assignableScopes"]));
    }

    private static string Id(JsonObject resource) => resource["id"]!.GetValue<string>();

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}
