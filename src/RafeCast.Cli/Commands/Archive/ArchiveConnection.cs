using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RafeCast.Cli.Infrastructure;
using RafeCast.Storage;

namespace RafeCast.Cli.Commands.Archive;

/// <summary>
/// How the archive verbs reach storage: <c>RafeCast:Storage</c> from <c>$RAFECAST_HOME/rafecast.json</c> and the
/// environment (<c>RafeCast__Storage__ConnectionString</c>, <c>RafeCast__Storage__AccountUrl</c>, ...). With
/// nothing configured it is the embedded Azurite of the RafeCast data directory — the one the demo fills —
/// started on demand and stopped when the command ends (or shared, when the demo is still running).
/// </summary>
internal static class ArchiveConnection
{
    private static readonly AsyncLocal<IConfiguration?> Override = new();

    /// <summary>Tests point the verbs at their own storage without touching the process environment.</summary>
    internal static IConfiguration? ConfigurationOverride
    {
        get => Override.Value;
        set => Override.Value = value;
    }

    public static StorageOptions Options()
    {
        var configuration = ConfigurationOverride ?? new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RafeCastHome.Resolve(), "rafecast.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.SectionName).Bind(options);
        var validation = new StorageOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new UserFacingException(string.Join(Environment.NewLine, validation.Failures!), ExitCodes.Usage);
        }
        return options;
    }

    /// <summary>Opens the account; errors become one clear line (never with a secret in it).</summary>
    public static async Task<StorageAccountProvider> OpenAsync(CancellationToken cancellationToken)
    {
        // Editors may only read (a SAS connection string, a reader role): never create containers for them.
        var provider = new StorageAccountProvider(Microsoft.Extensions.Options.Options.Create(Options()), NullLoggerFactory.Instance, provision: false);
        try
        {
            await provider.GetAsync(cancellationToken).ConfigureAwait(false);
            return provider;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw Describe(ex);
        }
    }

    public static UserFacingException Describe(Exception ex) => ex switch
    {
        UserFacingException user => user,
        FileNotFoundException missing when missing.Message.Contains("azurite", StringComparison.OrdinalIgnoreCase) =>
            new UserFacingException(missing.Message, ExitCodes.Unavailable, ex),
        OptionsValidationException invalid => new UserFacingException(invalid.Message, ExitCodes.Usage, ex),
        RequestFailedException { ErrorCode: "ContainerNotFound" } => new UserFacingException(
            "The archive container does not exist yet: nothing has been published to this account (check RafeCast:Storage:ArchiveContainer).", ExitCodes.Failed, ex),
        RequestFailedException { Status: 403 } => new UserFacingException(
            "Storage refused the request (403): the identity needs read, list and find-by-tags rights on the archive (e.g. \"Storage Blob Data Reader\" plus tag read).", ExitCodes.Failed, ex),
        RequestFailedException or HttpRequestException or TimeoutException =>
            new UserFacingException($"Cannot reach the archive: {SecretRedactor.Describe(ex)}", ExitCodes.Unavailable, ex),
        _ => new UserFacingException(SecretRedactor.Describe(ex), ExitCodes.Failed, ex),
    };
}
