using RafeCast.Storage.Layout;

namespace RafeCast.Storage.Tests.Publishing;

public sealed class M3u8Tests
{
    private const string Playlist = "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2.0,\n41.ts\n#EXTINF:2.0,\nhttps://cdn.example/x/42.ts\n";

    [Fact]
    public void ListedUris_PlaylistWithMapAndSegments_ListsThemInOrder()
    {
        Assert.Equal(["init.mp4", "41.ts", "https://cdn.example/x/42.ts"], M3u8.ListedUris(Playlist));
    }

    [Theory]
    [InlineData("v1/720p/index.m3u8", "41.ts", "v1/720p/41.ts")]
    [InlineData("v1/master.m3u8", "720p/index.m3u8", "v1/720p/index.m3u8")]
    [InlineData("v1/720p/index.m3u8", "../360p/1.ts", "v1/360p/1.ts")]
    [InlineData("index.m3u8", "../x.ts", null)]
    [InlineData("v1/720p/index.m3u8", "https://cdn/x.ts", null)]
    public void ResolveRelative_Uri_GivesTheBlobName(string playlist, string uri, string? expected)
    {
        Assert.Equal(expected, M3u8.ResolveRelative(playlist, uri));
    }

    [Fact]
    public void RewriteUris_EveryUri_IsRewrittenAndTagsKept()
    {
        var rewritten = M3u8.RewriteUris(Playlist, uri => "local/" + uri.Split('/')[^1]);

        Assert.Equal(["local/init.mp4", "local/41.ts", "local/42.ts"], M3u8.ListedUris(rewritten));
        Assert.Contains("#EXTINF:2.0,", rewritten, StringComparison.Ordinal);
    }
}
