using Microsoft.Extensions.Options;

namespace RafeCast.Storage;

/// <summary>
/// Where and how RafeCast publishes, bound from the <c>RafeCast:Storage</c> configuration section.
/// Set <see cref="ConnectionString"/> (Azurite, development) or <see cref="AccountUrl"/> (production,
/// <c>DefaultAzureCredential</c>); with neither, the CLI starts an embedded Azurite in the RafeCast data directory.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "RafeCast:Storage";

    /// <summary>A storage connection string (account key or SAS). A secret: never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, e.g. <c>https://rafecast.blob.core.windows.net</c>; authenticated with <c>DefaultAzureCredential</c>.</summary>
    public Uri? AccountUrl { get; set; }

    /// <summary>Client id of a user-assigned managed identity; when null, <c>AZURE_CLIENT_ID</c> (read by <c>DefaultAzureCredential</c>) applies.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The container viewers read live HLS from.</summary>
    public string LiveContainer { get; set; } = "live";

    /// <summary>The container that keeps every flight.</summary>
    public string ArchiveContainer { get; set; } = "archive";

    /// <summary>The durable outbox's directory; default <c>{data directory}/outbox</c>.</summary>
    public string? OutboxDirectory { get; set; }

    /// <summary>
    /// Disk the outbox may use for its own copies of segments, in megabytes. Past it, new segments are queued by
    /// reference to the spool (nothing is dropped) and a warning says so; at 80 % a first warning is logged.
    /// </summary>
    public long DiskQuotaMegabytes { get; set; } = 20 * 1024;

    /// <summary>How long a segment stays in the live container before the sweeper deletes it.</summary>
    public TimeSpan LiveRetention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the live sweeper runs.</summary>
    public TimeSpan LiveSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Origins a browser page may read the live container from (CORS); <c>*</c> for any.</summary>
    public IList<string> CorsAllowedOrigins { get; } = [];

    /// <summary>How long a viewer's read-only live SAS stays valid.</summary>
    public TimeSpan ViewerSasLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long an editor's archive SAS (read, list, find) stays valid.</summary>
    public TimeSpan EditorSasLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The uploader's first pause after a failed upload; it doubles up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan InitialRetryBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The uploader's longest pause between attempts while storage is unreachable.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Path of the <c>azurite-blob</c> executable for the embedded Azurite; default: found under tools/node of the checkout.</summary>
    public string? AzuriteExecutable { get; set; }

    /// <summary>The RafeCast data directory; default <c>$RAFECAST_HOME</c>, else <c>~/.local/share/rafecast</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>True when neither a connection string nor an account URL is configured: use the embedded Azurite.</summary>
    public bool UsesEmbeddedAzurite => string.IsNullOrWhiteSpace(ConnectionString) && AccountUrl is null;

    /// <summary>The outbox directory, defaulted from the data directory.</summary>
    public string ResolveOutboxDirectory() => OutboxDirectory ?? Path.Combine(RafeCastHome.Resolve(DataDirectory), "outbox");

    /// <summary>The disk quota in bytes.</summary>
    public long DiskQuotaBytes => DiskQuotaMegabytes * 1024 * 1024;
}

/// <summary>
/// Checks <see cref="StorageOptions"/>; every failure names its configuration key. Secret values are never
/// echoed, even when they are wrong.
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem, or returns when the options are valid.</summary>
    public static void ThrowIfInvalid(StorageOptions options)
    {
        var result = new StorageOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), result.Failures);
        }
    }

    private static IEnumerable<string> Errors(StorageOptions o)
    {
        const string Key = StorageOptions.SectionName + ":";
        var hasConnectionString = !string.IsNullOrWhiteSpace(o.ConnectionString);
        if (hasConnectionString && o.AccountUrl is not null)
        {
            yield return $"{Key}ConnectionString and {Key}AccountUrl are both set; set only one (a connection string for Azurite/dev, an account URL for Azure with a managed identity).";
        }
        if (hasConnectionString && !StorageConnectionString.TryParse(o.ConnectionString!, out _, out var problem))
        {
            yield return $"{Key}ConnectionString is not a usable storage connection string: {problem} (the value is not shown because it holds a secret).";
        }
        if (o.AccountUrl is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                yield return $"{Key}AccountUrl must be an absolute https URL such as https://ACCOUNT.blob.core.windows.net (http only on loopback).";
            }
            else if (!string.IsNullOrEmpty(url.Query))
            {
                yield return $"{Key}AccountUrl must not carry a query string (a SAS token belongs nowhere in configuration files).";
            }
        }
        foreach (var (key, value) in new[] { ("LiveContainer", o.LiveContainer), ("ArchiveContainer", o.ArchiveContainer) })
        {
            if (!IsValidContainerName(value))
            {
                yield return $"{Key}{key} '{value}' is not a valid container name (3-63 lower-case letters, digits and single hyphens, starting with a letter or digit).";
            }
        }
        if (string.Equals(o.LiveContainer, o.ArchiveContainer, StringComparison.Ordinal))
        {
            yield return $"{Key}LiveContainer and {Key}ArchiveContainer must differ: live segments expire, the archive keeps everything.";
        }
        if (o.DiskQuotaMegabytes <= 0)
        {
            yield return $"{Key}DiskQuotaMegabytes must be positive (it is {o.DiskQuotaMegabytes}).";
        }
        if (o.LiveRetention <= TimeSpan.Zero)
        {
            yield return $"{Key}LiveRetention must be positive (it is {o.LiveRetention}).";
        }
        if (o.LiveSweepInterval <= TimeSpan.Zero)
        {
            yield return $"{Key}LiveSweepInterval must be positive (it is {o.LiveSweepInterval}).";
        }
        if (o.ViewerSasLifetime <= TimeSpan.Zero || o.ViewerSasLifetime > TimeSpan.FromDays(7))
        {
            yield return $"{Key}ViewerSasLifetime must be between 0 and 7 days (it is {o.ViewerSasLifetime}).";
        }
        if (o.EditorSasLifetime <= TimeSpan.Zero || o.EditorSasLifetime > TimeSpan.FromDays(7))
        {
            yield return $"{Key}EditorSasLifetime must be between 0 and 7 days (it is {o.EditorSasLifetime}).";
        }
        if (o.InitialRetryBackoff <= TimeSpan.Zero || o.MaxRetryBackoff < o.InitialRetryBackoff)
        {
            yield return $"{Key}InitialRetryBackoff must be positive and at most {Key}MaxRetryBackoff.";
        }
        if (o.OutboxDirectory is { } outbox && !Path.IsPathFullyQualified(outbox))
        {
            yield return $"{Key}OutboxDirectory '{outbox}' must be an absolute path.";
        }
    }

    /// <summary>Container naming rules: https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata</summary>
    public static bool IsValidContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && char.IsAsciiLetterOrDigit(name[0])
        && name[^1] != '-'
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal);
}
