using System.Text;
using RafeCast.Mavlink.Framing;

namespace RafeCast.Mavlink.Tests.Framing;

public sealed class MavlinkCrcTests
{
    [Fact]
    public void Accumulate_CheckString_GivesTheCatalogueCheckValue()
    {
        // CRC-16/MCRF4XX's catalogue check value for "123456789".
        var crc = MavlinkCrc.Accumulate(MavlinkCrc.Seed, Encoding.ASCII.GetBytes("123456789"));

        Assert.Equal(0x6F91, crc);
    }

    [Fact]
    public void Accumulate_AnyLength_MatchesTheBitwiseDefinition()
    {
        var random = new Random(7);
        for (var length = 0; length < 80; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            var sliced = MavlinkCrc.Accumulate(MavlinkCrc.Seed, data);

            Assert.Equal(Bitwise(data), sliced);
        }
    }

    [Fact]
    public void Accumulate_ByteByByte_EqualsTheBlockResult()
    {
        var data = Encoding.ASCII.GetBytes("MAVLink frames are short but many");
        ushort crc = MavlinkCrc.Seed;
        foreach (var b in data)
        {
            crc = MavlinkCrc.Accumulate(crc, b);
        }

        Assert.Equal(MavlinkCrc.Accumulate(MavlinkCrc.Seed, data), crc);
    }

    private static ushort Bitwise(byte[] data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }
        }
        return crc;
    }
}
