using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RafeCast.Mavlink.Signing;

/// <summary>
/// A MAVLink 2 signing secret: 32 bytes. From 64 hex digits, from a file (32 raw bytes or 64 hex digits), or
/// from a passphrase (its UTF-8 SHA-256, as Mission Planner and QGroundControl derive it). The key never
/// appears in <see cref="ToString"/> or in logs.
/// </summary>
public sealed class MavlinkSigningKey
{
    public const int Length = 32;
    private readonly byte[] _secret;

    private MavlinkSigningKey(byte[] secret)
    {
        _secret = secret;
    }

    /// <summary>The secret bytes (for SETUP_SIGNING or for storing the key).</summary>
    public ReadOnlySpan<byte> Secret => _secret;

    /// <summary>A key from exactly 32 bytes.</summary>
    public static MavlinkSigningKey FromBytes(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != Length)
        {
            throw new ArgumentException($"A MAVLink signing key is {Length} bytes; got {secret.Length}.", nameof(secret));
        }
        return new MavlinkSigningKey(secret.ToArray());
    }

    /// <summary>A key from 64 hex digits (whitespace and an optional 0x prefix are ignored).</summary>
    public static MavlinkSigningKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = new StringBuilder(hex.Length);
        foreach (var c in hex.Trim())
        {
            if (!char.IsWhiteSpace(c))
            {
                digits.Append(c);
            }
        }
        var text = digits.ToString();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }
        if (text.Length != 2 * Length || !text.All(Uri.IsHexDigit))
        {
            // The value itself is a secret, so the message describes it without echoing it.
            throw new FormatException($"A MAVLink signing key in hex is {2 * Length} hex digits (32 bytes); the value given has {text.Length} characters{(text.All(Uri.IsHexDigit) ? string.Empty : " and non-hex characters")}.");
        }
        return new MavlinkSigningKey(Convert.FromHexString(text));
    }

    /// <summary>A key from a file holding 32 raw bytes or 64 hex digits.</summary>
    public static MavlinkSigningKey FromFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == Length)
        {
            return new MavlinkSigningKey(bytes);
        }
        try
        {
            return FromHex(Encoding.ASCII.GetString(bytes));
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{path} is not a MAVLink signing key: it must hold 32 raw bytes or 64 hex digits ({bytes.Length} bytes found).", ex);
        }
    }

    /// <summary>A key from a passphrase: SHA-256 of its UTF-8 bytes.</summary>
    public static MavlinkSigningKey FromPassphrase(string passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        return new MavlinkSigningKey(SHA256.HashData(Encoding.UTF8.GetBytes(passphrase)));
    }

    /// <summary>A fresh random key.</summary>
    public static MavlinkSigningKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>
    /// A short fingerprint (first 4 bytes of SHA-256 of the key) so two ends can check they hold the same
    /// key without revealing it.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(_secret).AsSpan(0, 4));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"MavlinkSigningKey(fingerprint {Fingerprint})");
}
