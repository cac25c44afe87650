using RafeCast.Infra.Tests.Bicep;
using RafeCast.Infra.Tests.Logging;
using RafeCast.Testing;
using Xunit.Abstractions;

namespace RafeCast.Infra.Tests;

/// <summary>The Bicep CLI from NuGet and the diagnostic policy, on small templates written for each test.</summary>
public sealed class BicepCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly BicepCli _bicep = BicepCli.FromPackage(TestLogger.For(output));
    private readonly TempDirectory _directory = new("rafecast-bicep");

    [Fact]
    public async Task Version_PackagedCli_IsThePinnedRelease()
    {
        var version = await _bicep.VersionAsync(CancellationToken.None);

        Assert.StartsWith("Bicep CLI version 0.49.2 ", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_UnusedParameter_IsAViolation()
    {
        var file = Write("unused.bicep", "param unused string\n");

        var violations = BicepDiagnosticPolicy.Violations(await _bicep.LintAsync(file, CancellationToken.None));

        var violation = Assert.Single(violations);
        Assert.Equal(("no-unused-params", BicepDiagnosticLevel.Warning, 1), (violation.RuleId, violation.Level, violation.Line));
    }

    [Fact]
    public async Task Lint_OnlyAnOldApiVersion_IsTolerated()
    {
        File.Copy(InfraPaths.BicepConfig, _directory.Combine("bicepconfig.json"));
        var file = Write("old.bicep", """
            param location string = resourceGroup().location

            resource account 'Microsoft.Storage/storageAccounts@2019-06-01' = {
              name: 'rafecastgate'
              location: location
              kind: 'StorageV2'
              sku: {
                name: 'Standard_LRS'
              }
            }

            """);

        var diagnostics = await _bicep.LintAsync(file, CancellationToken.None);

        Assert.Contains(diagnostics, d => d.RuleId == BicepDiagnosticPolicy.ApiVersionAgeRule);
        Assert.Empty(BicepDiagnosticPolicy.Violations(diagnostics));
    }

    [Fact]
    public async Task Build_SyntaxError_ReportsAnErrorAndNoTemplate()
    {
        var file = Write("broken.bicep", "output broken string = \n");

        var compilation = await _bicep.BuildAsync(file, CancellationToken.None);

        Assert.Null(compilation.Json);
        Assert.Contains(compilation.Diagnostics, d => d.Level == BicepDiagnosticLevel.Error && d.Line == 1 && d.File == file);
    }

    private string Write(string name, string content)
    {
        var path = _directory.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => _directory.Dispose();
}
