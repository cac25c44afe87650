using RafeCast.Infra.Tests.Logging;
using RafeCast.Testing;
using Xunit.Abstractions;

namespace RafeCast.Infra.Tests.Bicep;

/// <summary>
/// The deployments infra/main.bicep predicts (real <c>bicep snapshot</c>, offline) for
/// <see cref="DeploymentScope.Example"/>: with the shipped parameters file, and with an editors' group.
/// Runs on copies in a temporary directory, since a snapshot is written beside its parameters file.
/// </summary>
public sealed class MainTemplateSnapshots(IMessageSink diagnosticSink) : IAsyncLifetime
{
    /// <summary>The editors' group object id used by <see cref="WithEditors"/>.</summary>
    public const string EditorsGroupObjectId = "5f0c4b8e-7d1a-4c36-9a53-2b6e8f1d0c47";

    private readonly TempDirectory _directory = new("rafecast-snapshot");
    private DeploymentSnapshot? _shipped;
    private DeploymentSnapshot? _withEditors;

    /// <summary>With infra/main.bicepparam as it is committed.</summary>
    public DeploymentSnapshot Shipped => _shipped ?? throw new InvalidOperationException("Not evaluated yet.");

    /// <summary>With infra/main.bicepparam plus <see cref="EditorsGroupObjectId"/> as the editors' group.</summary>
    public DeploymentSnapshot WithEditors => _withEditors ?? throw new InvalidOperationException("Not evaluated yet.");

    public async Task InitializeAsync()
    {
        InfraPaths.CopyTemplateTo(_directory.Path);
        var shippedParameters = _directory.Combine(Path.GetFileName(InfraPaths.MainParameters));
        var editorsParameters = _directory.Combine("editors.bicepparam");
        var withEditors = (await File.ReadAllTextAsync(shippedParameters))
            .Replace("param editorsGroupObjectId = ''", $"param editorsGroupObjectId = '{EditorsGroupObjectId}'", StringComparison.Ordinal);
        if (!withEditors.Contains(EditorsGroupObjectId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{InfraPaths.MainParameters} no longer sets editorsGroupObjectId = ''; update {nameof(MainTemplateSnapshots)}.");
        }
        await File.WriteAllTextAsync(editorsParameters, withEditors);

        var bicep = BicepCli.FromPackage(TestLogger.For(diagnosticSink));
        var shipped = bicep.SnapshotAsync(shippedParameters, DeploymentScope.Example, CancellationToken.None);
        var editors = bicep.SnapshotAsync(editorsParameters, DeploymentScope.Example, CancellationToken.None);
        _shipped = new DeploymentSnapshot(await shipped);
        _withEditors = new DeploymentSnapshot(await editors);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
