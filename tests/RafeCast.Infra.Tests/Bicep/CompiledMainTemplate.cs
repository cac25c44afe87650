using RafeCast.Infra.Tests.Logging;
using Xunit.Abstractions;

namespace RafeCast.Infra.Tests.Bicep;

/// <summary>infra/main.bicep built once (a real <c>bicep build</c>, offline) for every test that reads the compiled template.</summary>
public sealed class CompiledMainTemplate(IMessageSink diagnosticSink) : IAsyncLifetime
{
    private BicepCompilation? _compilation;

    public BicepCompilation Compilation => _compilation ?? throw new InvalidOperationException("Not built yet.");

    public ArmTemplate Template => new(Compilation.RequireJson());

    public async Task InitializeAsync()
    {
        var bicep = BicepCli.FromPackage(TestLogger.For(diagnosticSink));
        _compilation = await bicep.BuildAsync(InfraPaths.MainTemplate, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Test classes that share one build of infra/main.bicep.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledMainTemplateCollection : ICollectionFixture<CompiledMainTemplate>
{
    public const string Name = "Compiled main template";
}
