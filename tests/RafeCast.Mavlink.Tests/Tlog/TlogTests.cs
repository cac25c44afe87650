using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Tlog;
using RafeCast.Testing;

namespace RafeCast.Mavlink.Tests.Tlog;

public sealed class TlogTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_Record_IsBigEndianUnixMicrosecondsThenTheFrame()
    {
        var frame = TestFrames.Split(TestFrames.Stream(1))[0];
        using var output = new MemoryStream();
        using (var writer = new TlogWriter(output, leaveOpen: true))
        {
            writer.Write(Start.AddTicks(5), frame);
        }

        var bytes = output.ToArray();
        var micros = (ulong)(Start - DateTimeOffset.UnixEpoch).Ticks / 10;
        Assert.Equal(BitConverter.GetBytes(micros).Reverse().ToArray(), bytes[..8]);
        Assert.Equal(frame, bytes[8..]);
    }

    [Fact]
    public async Task ReadAsync_WrittenLog_GivesBackEveryFrameWithItsTime()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("flight.tlog");
        var frames = TestFrames.Split(TestFrames.Stream(500));
        await using (var writer = TlogWriter.Create(path))
        {
            for (var i = 0; i < frames.Count; i++)
            {
                await writer.WriteAsync(Start.AddMilliseconds(i * 10), frames[i], CancellationToken.None);
            }
        }

        var (read, times) = await ReadAll(path);

        Assert.Equal(frames, read);
        Assert.Equal(Start, times[0]);
        Assert.Equal(Start.AddMilliseconds(4990), times[^1]);
    }

    [Fact]
    public async Task ReadAsync_DamagedAndTruncatedRecords_AreSkippedAndCounted()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("damaged.tlog");
        var frames = TestFrames.Split(TestFrames.Stream(10));
        using (var output = File.Create(path))
        using (var writer = new TlogWriter(output))
        {
            for (var i = 0; i < frames.Count; i++)
            {
                var frame = (byte[])frames[i].Clone();
                if (i == 4)
                {
                    frame[11] ^= 0xFF;
                }
                writer.Write(Start.AddSeconds(i), frame);
            }
            output.Write(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0xFD, 0x09 });
        }

        using var reader = TlogReader.Open(path);
        var (read, _) = await ReadAll(path);

        Assert.Equal(frames.Where((_, i) => i != 4), read);
    }

    private static async Task<(List<byte[]> Frames, List<DateTimeOffset> Times)> ReadAll(string path)
    {
        var frames = new List<byte[]>();
        var times = new List<DateTimeOffset>();
        using var reader = TlogReader.Open(path);
        do
        {
            Drain(reader, frames, times);
        }
        while (await reader.FillAsync(CancellationToken.None));
        Assert.True(reader.IsCompleted);
        return (frames, times);
    }

    private static void Drain(TlogReader reader, List<byte[]> frames, List<DateTimeOffset> times)
    {
        while (reader.TryRead(out var time, out var frame))
        {
            frames.Add(frame.ToArray());
            times.Add(time);
        }
    }
}
