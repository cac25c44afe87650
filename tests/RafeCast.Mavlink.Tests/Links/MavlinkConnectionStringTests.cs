using RafeCast.Mavlink.Links;

namespace RafeCast.Mavlink.Tests.Links;

public sealed class MavlinkConnectionStringTests
{
    [Theory]
    [InlineData("udpin:0.0.0.0:14550", MavlinkLinkKind.UdpIn, "0.0.0.0", 14550)]
    [InlineData("udpout:127.0.0.1:14550", MavlinkLinkKind.UdpOut, "127.0.0.1", 14550)]
    [InlineData("tcp:localhost:5760", MavlinkLinkKind.TcpClient, "localhost", 5760)]
    [InlineData("tcpin:0.0.0.0:5760", MavlinkLinkKind.TcpServer, "0.0.0.0", 5760)]
    [InlineData("udpin:[::1]:14550", MavlinkLinkKind.UdpIn, "::1", 14550)]
    public void Parse_NetworkLinks_GivesKindHostAndPort(string text, MavlinkLinkKind kind, string host, int port)
    {
        var parsed = MavlinkConnectionString.Parse(text);

        Assert.Equal((kind, host, port), (parsed.Kind, parsed.Host, parsed.Port));
        Assert.Equal(text, parsed.ToString());
    }

    [Fact]
    public void Parse_Serial_DefaultsTo57600Baud()
    {
        Assert.Equal(("/dev/ttyUSB0", 57600), (MavlinkConnectionString.Parse("serial:/dev/ttyUSB0").Path, MavlinkConnectionString.Parse("serial:/dev/ttyUSB0").BaudRate));
        Assert.Equal(921600, MavlinkConnectionString.Parse("serial:/dev/ttyACM0:921600").BaudRate);
    }

    [Fact]
    public void Parse_File_TakesPathAndReplaySpeed()
    {
        var fast = MavlinkConnectionString.Parse("file:/data/flight.tlog");
        var realTime = MavlinkConnectionString.Parse("file:/data/flight.tlog?speed=1");

        Assert.Equal(("/data/flight.tlog", 0.0), (fast.Path, fast.Speed));
        Assert.Equal(("/data/flight.tlog", 1.0), (realTime.Path, realTime.Speed));
    }

    [Theory]
    [InlineData("14550")]
    [InlineData("udpin:14550")]
    [InlineData("udpin:0.0.0.0:port")]
    [InlineData("udpin:0.0.0.0:70000")]
    [InlineData("carrier-pigeon:loft:1")]
    [InlineData("serial:")]
    [InlineData("serial:/dev/ttyUSB0:fast")]
    [InlineData("file:")]
    [InlineData("file:x.tlog?speed=-1")]
    public void Parse_BadString_NamesItAndListsTheAcceptedForms(string text)
    {
        var error = Assert.Throws<FormatException>(() => MavlinkConnectionString.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(MavlinkConnectionString.AcceptedForms, error.Message, StringComparison.Ordinal);
    }
}
