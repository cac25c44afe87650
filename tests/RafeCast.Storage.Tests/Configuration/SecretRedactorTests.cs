namespace RafeCast.Storage.Tests.Configuration;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=abc/def==;BlobEndpoint=http://x", "abc/def==")]
    [InlineData("GET http://127.0.0.1:1/a/live/x.ts?sv=2025-01-05&sr=c&sig=Zm9vYmFy%2B%3D&se=2026 failed", "Zm9vYmFy%2B%3D")]
    [InlineData("SharedAccessSignature=sv=2025&sig=abc;BlobEndpoint=x", "sv=2025")]
    [InlineData("Authorization: Bearer eyJ0eXAiOiJKV1Qi.payload.sig", "eyJ0eXAiOiJKV1Qi")]
    public void Redact_TextWithASecret_MasksIt(string text, string secret)
    {
        var redacted = SecretRedactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_TextWithoutSecrets_IsUnchanged()
    {
        const string text = "Upload of 2026/11/26/flight/v1-cam0/720p/3.ts failed: HTTP 503";

        Assert.Equal(text, SecretRedactor.Redact(text));
    }
}
