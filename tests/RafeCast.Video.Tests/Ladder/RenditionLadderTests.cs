using RafeCast.Video.Ladder;

namespace RafeCast.Video.Tests.Ladder;

public sealed class RenditionLadderTests
{
    [Fact]
    public void Default_IsThreeRungs720To360()
    {
        Assert.Equal(["720p", "480p", "360p"], RenditionLadder.Default.Renditions.Select(r => r.Name));
        Assert.True(RenditionLadder.Default.Transcodes);
    }

    [Fact]
    public void Parse_Passthrough_IsOneSourceRungThatDoesNotTranscode()
    {
        var ladder = RenditionLadder.Parse("passthrough");

        var rung = Assert.Single(ladder.Renditions);
        Assert.True(rung.Passthrough);
        Assert.Equal("source", rung.Name);
        Assert.False(ladder.Transcodes);
    }

    [Fact]
    public void Parse_UnknownName_NamesItAndTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => RenditionLadder.Parse("720p,4k"));

        Assert.Contains("'4k'", error.Message, StringComparison.Ordinal);
        Assert.Contains("passthrough", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OddSizeOrUnknownPreset_NamesTheField()
    {
        var odd = Assert.Throws<ArgumentException>(() => new RenditionLadder([new Rendition { Name = "x", Width = 641, Height = 360, VideoBitrateKbps = 800 }]));
        var preset = Assert.Throws<ArgumentException>(() => new RenditionLadder([new Rendition { Name = "x", Width = 640, Height = 360, VideoBitrateKbps = 800, Preset = "warp" }]));

        Assert.Contains("Width and Height", odd.Message, StringComparison.Ordinal);
        Assert.Contains("Preset 'warp'", preset.Message, StringComparison.Ordinal);
    }
}
