using System.Text.Json.Nodes;
using RafeCast.Infra.Tests.Bicep;

namespace RafeCast.Infra.Tests;

/// <summary>Security properties of the compiled ARM template (infra/main.bicep built by the real Bicep CLI).</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class MainTemplateSecurityTests(CompiledMainTemplate compiled)
{
    private const string RoleDefinitions = "Microsoft.Authorization/roleDefinitions";

    private ArmTemplate Template => compiled.Template;

    private JsonNode StorageProperties => Template.Resource("storage")["properties"]!;

    [Fact]
    public void StorageAccount_PublicBlobAccess_IsDisabled() =>
        Assert.False(StorageProperties["allowBlobPublicAccess"]!.GetValue<bool>());

    [Fact]
    public void StorageAccount_SharedKeyAccess_IsDisabled() =>
        Assert.False(StorageProperties["allowSharedKeyAccess"]!.GetValue<bool>());

    [Fact]
    public void StorageAccount_MinimumTlsVersion_Is12() =>
        Assert.Equal("TLS1_2", StorageProperties["minimumTlsVersion"]!.GetValue<string>());

    [Fact]
    public void StorageAccount_HierarchicalNamespace_IsOff() =>
        Assert.False(StorageProperties["isHnsEnabled"]!.GetValue<bool>());

    [Fact]
    public void StorageAccount_KindAndTransport_AreStorageV2OverHttpsOnly()
    {
        var storage = Template.Resource("storage");

        Assert.Equal("Microsoft.Storage/storageAccounts", storage["type"]!.GetValue<string>());
        Assert.Equal("StorageV2", storage["kind"]!.GetValue<string>());
        Assert.True(StorageProperties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.True(StorageProperties["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public void Containers_PublicAccess_IsNone()
    {
        var containers = Template.DeployedResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        Assert.Equal(["archiveContainer", "liveContainer"], containers.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.All(containers, c => Assert.Equal("None", c.Value["properties"]!["publicAccess"]!.GetValue<string>()));
    }

    [Fact]
    public void StationRoleAssignment_OnTheAccount_IsStorageBlobDataOwner()
    {
        var assignment = Template.Resource("stationBlobDataOwner");

        Assert.Equal($"[subscriptionResourceId('{RoleDefinitions}', '{BuiltInRoles.StorageBlobDataOwner}')]", assignment["properties"]!["roleDefinitionId"]!.GetValue<string>());
        Assert.Equal("[reference('stationIdentity').principalId]", assignment["properties"]!["principalId"]!.GetValue<string>());
        Assert.Equal("ServicePrincipal", assignment["properties"]!["principalType"]!.GetValue<string>());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", assignment["scope"]!.GetValue<string>());
    }

    [Fact]
    public void FrontDoorRoleAssignment_OnTheLiveContainerOnly_IsStorageBlobDataReader()
    {
        var assignment = Template.Resource("frontDoorLiveReader");

        Assert.Equal($"[subscriptionResourceId('{RoleDefinitions}', '{BuiltInRoles.StorageBlobDataReader}')]", assignment["properties"]!["roleDefinitionId"]!.GetValue<string>());
        Assert.Equal("[reference('frontDoor', '2025-06-01', 'full').identity.principalId]", assignment["properties"]!["principalId"]!.GetValue<string>());
        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', parameters('liveContainerName'))]",
            assignment["scope"]!.GetValue<string>());
    }

    [Fact]
    public void RoleAssignments_EveryRole_IsOneOfTheThreeDesigned()
    {
        string[] allowed =
        [
            $"[subscriptionResourceId('{RoleDefinitions}', '{BuiltInRoles.StorageBlobDataOwner}')]",
            $"[subscriptionResourceId('{RoleDefinitions}', '{BuiltInRoles.StorageBlobDataReader}')]",
            $"[resourceId('{RoleDefinitions}', guid(resourceGroup().id, 'rafecast-blob-tag-reader'))]",
        ];

        var roles = Template.DeployedResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Select(a => a.Value["properties"]!["roleDefinitionId"]!.GetValue<string>())
            .ToList();

        Assert.Equal(4, roles.Count);
        Assert.All(roles, role => Assert.Contains(role, allowed));
    }

    [Fact]
    public void BlobTagReaderRole_Permissions_ReadTagsAndFindOnly()
    {
        var permissions = Assert.Single(Template.Resource("blobTagReaderRole")["properties"]!["permissions"]!.AsArray())!;

        Assert.Empty(permissions["actions"]!.AsArray());
        Assert.Equal(
            ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/filter/action", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/read"],
            permissions["dataActions"]!.AsArray().Select(a => a!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FrontDoorOrigin_Authentication_IsTheProfilesOwnIdentityForStorage()
    {
        var authentication = Template.Resource("blobOriginGroup")["properties"]!["authentication"]!;

        Assert.Equal("SystemAssignedIdentity", authentication["type"]!.GetValue<string>());
        Assert.Equal("https://storage.azure.com/.default", authentication["scope"]!.GetValue<string>());
        Assert.Equal("SystemAssigned", Template.Resource("frontDoor")["identity"]!["type"]!.GetValue<string>());
        Assert.Equal("HttpsOnly", Template.Resource("liveRoute")["properties"]!["forwardingProtocol"]!.GetValue<string>());
    }
}
