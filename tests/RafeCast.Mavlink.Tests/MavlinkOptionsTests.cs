using RafeCast.Mavlink.Signing;

namespace RafeCast.Mavlink.Tests;

public sealed class MavlinkOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new MavlinkOptionsValidator().Validate(null, new MavlinkOptions { Connections = ["udpin:0.0.0.0:14550"] }).Succeeded);
    }

    [Fact]
    public void Validate_BadValues_NameTheirKeys()
    {
        var options = new MavlinkOptions
        {
            Connections = ["udpin:0.0.0.0:14550", "radio:1"],
            SystemId = 0,
            SigningPolicy = MavlinkSigningPolicy.RequireSignedForAll,
        };

        var result = new MavlinkOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("RafeCast:Mavlink:Connections:1:", StringComparison.Ordinal) && f.Contains("'radio:1'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("RafeCast:Mavlink:SystemId", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("RafeCast:Mavlink:SigningPolicy", StringComparison.Ordinal));
    }

    [Fact]
    public void ToStationOptions_Passphrase_BecomesTheKey()
    {
        var station = new MavlinkOptions { SigningPassphrase = "abc", LinkLossTimeoutSeconds = 5 }.ToStationOptions();

        Assert.Equal(MavlinkSigningKey.FromPassphrase("abc").Secret.ToArray(), station.SigningKey!.Secret.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(5), station.LinkLossTimeout);
    }
}
