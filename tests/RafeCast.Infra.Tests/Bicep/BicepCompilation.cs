using System.Text.Json.Nodes;

namespace RafeCast.Infra.Tests.Bicep;

/// <summary>What <c>bicep build</c> or <c>bicep build-params</c> produced: the JSON (absent when it failed) and its diagnostics.</summary>
public sealed record BicepCompilation(JsonObject? Json, IReadOnlyList<BicepDiagnostic> Diagnostics)
{
    /// <summary>The JSON, or an exception listing the diagnostics when compiling failed.</summary>
    public JsonObject RequireJson() =>
        Json ?? throw new InvalidOperationException($"Bicep produced no JSON:{Environment.NewLine}{BicepDiagnosticPolicy.Describe(Diagnostics)}");
}
