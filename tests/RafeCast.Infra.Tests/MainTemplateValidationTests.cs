using RafeCast.Infra.Tests.Bicep;
using RafeCast.Infra.Tests.Logging;
using RafeCast.Testing;
using Xunit.Abstractions;

namespace RafeCast.Infra.Tests;

/// <summary>infra/main.bicep and its parameters file pass the Bicep compiler, the linter and the formatter.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class MainTemplateValidationTests(CompiledMainTemplate compiled, ITestOutputHelper output) : IDisposable
{
    private readonly BicepCli _bicep = BicepCli.FromPackage(TestLogger.For(output));
    private readonly TempDirectory _directory = new("rafecast-infra");

    [Fact]
    public void Build_MainTemplate_HasNoErrorsOrWarnings()
    {
        var violations = BicepDiagnosticPolicy.Violations(compiled.Compilation.Diagnostics);

        Assert.True(violations.Count == 0, BicepDiagnosticPolicy.Describe(violations));
        Assert.NotNull(compiled.Compilation.Json);
    }

    [Fact]
    public async Task Lint_MainTemplate_HasNoErrorsOrWarnings()
    {
        var violations = BicepDiagnosticPolicy.Violations(await _bicep.LintAsync(InfraPaths.MainTemplate, CancellationToken.None));

        Assert.True(violations.Count == 0, BicepDiagnosticPolicy.Describe(violations));
    }

    [Fact]
    public async Task BuildParams_ParametersFile_FitsTheTemplate()
    {
        var compilation = await _bicep.BuildParamsAsync(InfraPaths.MainParameters, CancellationToken.None);

        var violations = BicepDiagnosticPolicy.Violations(compilation.Diagnostics);
        Assert.True(violations.Count == 0, BicepDiagnosticPolicy.Describe(violations));
        var parameters = compilation.RequireJson()["parameters"]!;
        Assert.NotEmpty(parameters["viewerOrigins"]!["value"]!.AsArray());
        Assert.True(parameters["liveRetentionDays"]!["value"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task BuildParams_LiveRetentionOfZeroDays_IsRejected()
    {
        InfraPaths.CopyTemplateTo(_directory.Path);
        var parameters = _directory.Combine("zero-retention.bicepparam");
        File.WriteAllText(parameters, """
            using './main.bicep'

            param viewerOrigins = ['https://viewer.example.org']
            param liveRetentionDays = 0

            """);

        var compilation = await _bicep.BuildParamsAsync(parameters, CancellationToken.None);

        Assert.Null(compilation.Json);
        Assert.Contains(compilation.Diagnostics, d => d.Level == BicepDiagnosticLevel.Error && d.Line == 4);
    }

    [Theory]
    [InlineData("main.bicep")]
    [InlineData("main.bicepparam")]
    public async Task Format_InfraBicepFile_IsAlreadyFormatted(string name)
    {
        var path = Path.Combine(InfraPaths.Root, name);

        var formatted = await _bicep.FormatAsync(path, CancellationToken.None);

        Assert.Equal(await File.ReadAllTextAsync(path), formatted);
    }

    public void Dispose() => _directory.Dispose();
}
