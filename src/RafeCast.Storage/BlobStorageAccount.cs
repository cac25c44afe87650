using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace RafeCast.Storage;

/// <summary>
/// The storage account RafeCast publishes to: clients for the live and archive containers, built from a
/// connection string (Azurite, dev) or from an account URL with <c>DefaultAzureCredential</c> (production).
/// Every client uploads with a transactional MD5 and retries with the SDK's exponential policy.
/// </summary>
public sealed class BlobStorageAccount
{
    private BlobStorageAccount(BlobServiceClient service, StorageOptions options, StorageSharedKeyCredential? sharedKey, TokenCredential? credential)
    {
        Service = service;
        Options = options;
        SharedKey = sharedKey;
        Credential = credential;
        Live = service.GetBlobContainerClient(options.LiveContainer);
        Archive = service.GetBlobContainerClient(options.ArchiveContainer);
    }

    /// <summary>The account's blob service.</summary>
    public BlobServiceClient Service { get; }

    /// <summary>The live container (viewers).</summary>
    public BlobContainerClient Live { get; }

    /// <summary>The archive container (editors).</summary>
    public BlobContainerClient Archive { get; }

    /// <summary>The options the account was built from.</summary>
    public StorageOptions Options { get; }

    /// <summary>The account name.</summary>
    public string AccountName => Service.AccountName;

    internal StorageSharedKeyCredential? SharedKey { get; }

    internal TokenCredential? Credential { get; }

    /// <summary>
    /// Builds the account from validated <paramref name="options"/>; <paramref name="embeddedConnectionString"/>
    /// is used when the options name no account (the embedded Azurite).
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the errors name the keys.</exception>
    public static BlobStorageAccount Create(StorageOptions options, string? embeddedConnectionString = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        StorageOptionsValidator.ThrowIfInvalid(options);
        var clientOptions = ClientOptions();
        if (options.AccountUrl is { } url)
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = options.ManagedIdentityClientId ?? Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"),
            });
            return new BlobStorageAccount(new BlobServiceClient(url, credential, clientOptions), options, null, credential);
        }
        var connectionString = !string.IsNullOrWhiteSpace(options.ConnectionString) ? options.ConnectionString
            : embeddedConnectionString ?? throw new InvalidOperationException(
                $"No storage account: set {StorageOptions.SectionName}:ConnectionString or {StorageOptions.SectionName}:AccountUrl, or start the embedded Azurite.");
        if (!StorageConnectionString.TryParse(connectionString, out var parsed, out var problem))
        {
            throw new InvalidOperationException($"The storage connection string is not usable: {problem} (the value is not shown because it holds a secret).");
        }
        if (parsed!.AccountKey is { } key)
        {
            var sharedKey = new StorageSharedKeyCredential(parsed.AccountName, key);
            return new BlobStorageAccount(new BlobServiceClient(parsed.BlobEndpoint, sharedKey, clientOptions), options, sharedKey, null);
        }
        var sas = new AzureSasCredential(parsed.SharedAccessSignature!);
        return new BlobStorageAccount(new BlobServiceClient(parsed.BlobEndpoint, sas, clientOptions), options, null, null);
    }

    internal static BlobClientOptions ClientOptions()
    {
        var o = new BlobClientOptions();
        o.Retry.Mode = RetryMode.Exponential;
        o.Retry.MaxRetries = 3;
        o.Retry.Delay = TimeSpan.FromMilliseconds(200);
        o.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        o.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        // MD5, not CRC64: CRC64 transfer validation does not work against Azurite with this SDK version.
        o.TransferValidation.Upload.ChecksumAlgorithm = StorageChecksumAlgorithm.MD5;
        o.Diagnostics.IsLoggingContentEnabled = false;
        o.Diagnostics.ApplicationId = "rafecast";
        return o;
    }

    /// <summary>
    /// Creates the containers when missing and, for accounts reached with a key, sets the CORS rule that lets a
    /// browser page read live HLS (GET/HEAD/OPTIONS from <see cref="StorageOptions.CorsAllowedOrigins"/>).
    /// With an account URL the CORS rule belongs to the infrastructure (it needs management rights).
    /// </summary>
    public async Task EnsureProvisionedAsync(ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        await Live.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
        await Archive.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (SharedKey is null)
        {
            Log.CorsLeftToInfrastructure(logger, AccountName);
            return;
        }
        var properties = (await Service.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value;
        var origins = Options.CorsAllowedOrigins.Count == 0 ? "*" : string.Join(',', Options.CorsAllowedOrigins);
        var rule = new BlobCorsRule
        {
            AllowedOrigins = origins,
            AllowedMethods = "GET,HEAD,OPTIONS",
            AllowedHeaders = "*",
            ExposedHeaders = "*",
            MaxAgeInSeconds = 3600,
        };
        if (properties.Cors.Any(r => r.AllowedOrigins == rule.AllowedOrigins && r.AllowedMethods == rule.AllowedMethods))
        {
            return;
        }
        properties.Cors.Clear();
        properties.Cors.Add(rule);
        await Service.SetPropertiesAsync(properties, cancellationToken).ConfigureAwait(false);
        Log.CorsConfigured(logger, origins);
    }
}
