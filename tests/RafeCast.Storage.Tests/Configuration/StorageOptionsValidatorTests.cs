using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RafeCast.Storage.Tests.Configuration;

public sealed class StorageOptionsValidatorTests
{
    private const string SecretKey = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";

    [Fact]
    public void Validate_BrokenConnectionString_NamesTheKeyAndNeverEchoesTheSecret()
    {
        var options = new StorageOptions { ConnectionString = $"AccountName=acct;AccountKey={SecretKey}" + ";BlobEndpoint=not a url" };

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var message = string.Join("\n", result.Failures!);
        Assert.Contains("RafeCast:Storage:ConnectionString", message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, message, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey=", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionStringAndAccountUrl_NamesBothKeys()
    {
        var options = new StorageOptions { ConnectionString = $"AccountName=acct;AccountKey={SecretKey}", AccountUrl = new Uri("https://acct.blob.core.windows.net") };

        var failures = new StorageOptionsValidator().Validate(null, options).Failures!;

        Assert.Contains(failures, f => f.Contains("RafeCast:Storage:ConnectionString", StringComparison.Ordinal) && f.Contains("RafeCast:Storage:AccountUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Live", "LiveContainer")]
    [InlineData("a", "LiveContainer")]
    [InlineData("double--hyphen", "LiveContainer")]
    public void Validate_BadContainerName_NamesTheKey(string name, string key)
    {
        var failures = new StorageOptionsValidator().Validate(null, new StorageOptions { LiveContainer = name }).Failures!;

        Assert.Contains(failures, f => f.Contains("RafeCast:Storage:" + key, StringComparison.Ordinal) && f.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AccountUrlWithSasQuery_IsRejectedWithoutEchoingIt()
    {
        var options = new StorageOptions { AccountUrl = new Uri("https://acct.blob.core.windows.net/?sv=2024&sig=TOPSECRET") };

        var failures = string.Join("\n", new StorageOptionsValidator().Validate(null, options).Failures!);

        Assert.Contains("RafeCast:Storage:AccountUrl", failures, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NothingConfigured_IsValidAndMeansEmbeddedAzurite()
    {
        var options = new StorageOptions();

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded);
        Assert.True(options.UsesEmbeddedAzurite);
    }

    [Fact]
    public void AddRafeCastStorage_BindsTheSectionAndValidatesOnResolve()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RafeCast:Storage:LiveContainer"] = "viewers",
            ["RafeCast:Storage:DiskQuotaMegabytes"] = "0",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddRafeCastStorage(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("RafeCast:Storage:DiskQuotaMegabytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlobStorageAccount_CreateWithBrokenConnectionString_ErrorHasNoSecret()
    {
        var options = new StorageOptions { ConnectionString = $"AccountName=acct;AccountKey={SecretKey};BlobEndpoint=::bad" };

        var error = Assert.Throws<OptionsValidationException>(() => BlobStorageAccount.Create(options));

        Assert.DoesNotContain(SecretKey, error.Message + error, StringComparison.Ordinal);
    }
}
