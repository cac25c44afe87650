using RafeCast.Video.Timing;

namespace RafeCast.Video.Tests.Timing;

public sealed class WallClockMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly double TrueOffsetUs = Now.ToUnixTimeMilliseconds() * 1000.0;

    [Fact]
    public void ToUtc_LateReports_UsesTheLeastDelayedOne()
    {
        var mapper = new WallClockMapper(TimeSpan.FromSeconds(60));
        // A burst after probing (300 ms late), then frames on time but for a little scheduling noise.
        mapper.Add(TrueOffsetUs + 300_000, Now);
        mapper.Add(TrueOffsetUs + 12_000, Now.AddSeconds(1));
        mapper.Add(TrueOffsetUs + 4_000, Now.AddSeconds(2));
        mapper.Add(TrueOffsetUs + 25_000, Now.AddSeconds(3));

        Assert.Equal(Now.AddSeconds(10).AddMilliseconds(4), mapper.ToUtc(10));
    }

    [Fact]
    public void ToUtc_OldMinimumLeavesTheWindow_FollowsTheNewerReports()
    {
        var mapper = new WallClockMapper(TimeSpan.FromSeconds(10));
        mapper.Add(TrueOffsetUs, Now);
        mapper.Add(TrueOffsetUs + 50_000, Now.AddSeconds(20));

        Assert.Equal(Now.AddSeconds(1).AddMilliseconds(50), mapper.ToUtc(1));
    }

    [Fact]
    public void ToUtc_NoReport_IsNull() => Assert.Null(new WallClockMapper().ToUtc(1));

    [Theory]
    [InlineData("1795654526090699.750000", true)]
    [InlineData("frame=   10 fps=0.0", false)]
    [InlineData("12345", false)]
    [InlineData("[libx264 @ 0x55] using SAR=1/1", false)]
    public void TryParseReport_OnlyBareWallClockNumbers(string line, bool expected) =>
        Assert.Equal(expected, WallClockMapper.TryParseReport(line, out _));
}

public sealed class WallClockMapperSettleTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsSettled_DuringTheStartUpBurst_IsFalseUntilTheMinimumStopsFalling()
    {
        var mapper = new WallClockMapper();
        var quiet = TimeSpan.FromSeconds(1);
        // Burst: each buffered frame is processed sooner relative to its timestamp.
        for (var i = 0; i < 10; i++)
        {
            mapper.Add(1.7e15 + 900_000 - i * 90_000, Now.AddMilliseconds(i * 10));
        }
        Assert.False(mapper.IsSettled(Now.AddMilliseconds(100), quiet));

        // Real time: reports hover a few ms above the floor.
        for (var i = 0; i < 40; i++)
        {
            mapper.Add(1.7e15 + 95_000 + (i % 3) * 2_000, Now.AddMilliseconds(100 + i * 33));
        }

        Assert.True(mapper.IsSettled(Now.AddMilliseconds(1500), quiet));
    }
}
