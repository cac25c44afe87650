namespace RafeCast.Storage;

/// <summary>
/// The parts of a storage connection string RafeCast needs, parsed without ever putting the string (or its
/// key) into an error message.
/// </summary>
internal sealed record StorageConnectionString(string AccountName, string? AccountKey, string? SharedAccessSignature, Uri BlobEndpoint)
{
    private const string DevelopmentAccount = "devstoreaccount1";

    // The well-known Azurite/emulator key; public knowledge, but still treated as a secret in logs.
    internal const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>A connection string for Azurite's default account listening on 127.0.0.1:<paramref name="port"/>.</summary>
    public static string ForAzurite(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccount};AccountKey={DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{port}/{DevelopmentAccount};";

    public static bool TryParse(string text, out StorageConnectionString? parsed, out string problem)
    {
        parsed = null;
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var piece in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = piece.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problem = "a part is not KEY=VALUE";
                return false;
            }
            parts[piece[..eq]] = piece[(eq + 1)..];
        }
        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            parsed = new StorageConnectionString(DevelopmentAccount, DevelopmentAccountKey, null, new Uri($"http://127.0.0.1:10000/{DevelopmentAccount}"));
            problem = string.Empty;
            return true;
        }
        parts.TryGetValue("AccountName", out var account);
        parts.TryGetValue("AccountKey", out var key);
        parts.TryGetValue("SharedAccessSignature", out var sas);
        if (string.IsNullOrEmpty(key) && string.IsNullOrEmpty(sas))
        {
            problem = "it has neither AccountKey nor SharedAccessSignature";
            return false;
        }
        if (!string.IsNullOrEmpty(key))
        {
            Span<byte> buffer = stackalloc byte[128];
            if (!Convert.TryFromBase64String(key, buffer, out _))
            {
                problem = "its AccountKey is not base64";
                return false;
            }
        }
        Uri? endpoint = null;
        if (parts.TryGetValue("BlobEndpoint", out var blobEndpoint))
        {
            if (!Uri.TryCreate(blobEndpoint, UriKind.Absolute, out endpoint))
            {
                problem = "its BlobEndpoint is not an absolute URL";
                return false;
            }
        }
        else if (!string.IsNullOrEmpty(account))
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = new Uri($"{protocol}://{account}.blob.{suffix}");
        }
        if (endpoint is null)
        {
            problem = "it has neither BlobEndpoint nor AccountName";
            return false;
        }
        if (string.IsNullOrEmpty(account))
        {
            if (!string.IsNullOrEmpty(key))
            {
                problem = "it has an AccountKey but no AccountName";
                return false;
            }
            account = endpoint.Host.Split('.')[0];
        }
        parsed = new StorageConnectionString(account, string.IsNullOrEmpty(key) ? null : key, string.IsNullOrEmpty(sas) ? null : sas, endpoint);
        problem = string.Empty;
        return true;
    }

    // Never print the key or the SAS, even through a record's generated ToString.
    public override string ToString() => $"account {AccountName} at {BlobEndpoint.GetLeftPart(UriPartial.Path)}";
}
