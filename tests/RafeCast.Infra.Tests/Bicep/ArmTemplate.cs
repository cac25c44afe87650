using System.Text.Json.Nodes;

namespace RafeCast.Infra.Tests.Bicep;

/// <summary>
/// A compiled ARM template as Bicep writes it (languageVersion 2.0): resources keyed by their Bicep
/// symbolic names, property values either literals or ARM expressions in brackets.
/// </summary>
public sealed class ArmTemplate
{
    private readonly JsonObject _resources;

    public ArmTemplate(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        _resources = root["resources"] as JsonObject
            ?? throw new InvalidOperationException("The template's resources are not keyed by symbolic name (languageVersion 2.0 expected).");
    }

    public JsonObject Root { get; }

    public JsonObject Outputs => Root["outputs"] as JsonObject ?? [];

    /// <summary>The resource declared in Bicep as <paramref name="symbolicName"/>.</summary>
    public JsonObject Resource(string symbolicName) =>
        _resources[symbolicName] as JsonObject
        ?? throw new KeyNotFoundException($"No resource '{symbolicName}' in the template; it has {string.Join(", ", _resources.Select(r => r.Key))}.");

    /// <summary>Every resource, deployed or only referenced (<c>existing</c>), with its symbolic name.</summary>
    public IEnumerable<KeyValuePair<string, JsonObject>> AllResources() =>
        _resources.Select(r => KeyValuePair.Create(r.Key, r.Value as JsonObject ?? throw new InvalidOperationException($"Resource '{r.Key}' is not an object.")));

    /// <summary>Resources that are deployed (not <c>existing</c> references), with their symbolic names.</summary>
    public IEnumerable<KeyValuePair<string, JsonObject>> DeployedResources() =>
        AllResources().Where(r => r.Value["existing"]?.GetValue<bool>() != true);

    /// <summary>Deployed resources of one ARM type, e.g. Microsoft.Authorization/roleAssignments.</summary>
    public IEnumerable<KeyValuePair<string, JsonObject>> DeployedResourcesOfType(string type) =>
        DeployedResources().Where(r => string.Equals(r.Value["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase));
}
