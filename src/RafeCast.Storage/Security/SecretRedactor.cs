using System.Text.RegularExpressions;

namespace RafeCast.Storage;

/// <summary>
/// Removes storage secrets from text before it reaches a log or an error message: account keys, SAS
/// signatures (and whole SAS query strings), connection-string secrets and bearer tokens.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary><paramref name="text"/> with every recognised secret masked.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }
        text = ConnectionStringSecret().Replace(text, m => $"{m.Groups["key"].Value}={Mask}");
        text = SasSignature().Replace(text, m => $"{m.Groups["key"].Value}={Mask}");
        text = Bearer().Replace(text, $"Bearer {Mask}");
        return text;
    }

    /// <summary>An exception's type and message, redacted, with no stack trace: fit for a log line or a user-facing error.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception is Azure.RequestFailedException rfe
            ? $"HTTP {rfe.Status} {rfe.ErrorCode}".TrimEnd()
            : exception.Message;
        return Redact($"{exception.GetType().Name}: {FirstLine(message)}");
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }

    [GeneratedRegex(@"(?<key>AccountKey|SharedAccessSignature|SharedAccessKey|AccessKey)=[^;""'\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStringSecret();

    [GeneratedRegex(@"(?<key>\bsig)=[^&""'\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SasSignature();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-_\.=]+", RegexOptions.CultureInvariant)]
    private static partial Regex Bearer();
}
