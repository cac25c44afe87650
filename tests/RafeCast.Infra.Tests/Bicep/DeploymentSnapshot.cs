using System.Text.Json.Nodes;

namespace RafeCast.Infra.Tests.Bicep;

/// <summary>
/// What <c>bicep snapshot</c> predicts a deployment creates: every resource with its id, names and
/// properties evaluated for one subscription and resource group (values only Azure knows, such as an
/// identity's principal id, stay ARM expressions).
/// </summary>
public sealed class DeploymentSnapshot(JsonObject root)
{
    public IReadOnlyList<JsonObject> Resources { get; } = [.. (root?["predictedResources"]?.AsArray() ?? []).OfType<JsonObject>()];

    public IReadOnlyList<JsonNode?> Diagnostics { get; } = [.. root?["diagnostics"]?.AsArray() ?? []];

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals(r["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The only resource of <paramref name="type"/>; fails when there is none or more than one.</summary>
    public JsonObject Single(string type)
    {
        var matches = OfType(type).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type} in the snapshot, found {matches.Count}.");
    }
}
