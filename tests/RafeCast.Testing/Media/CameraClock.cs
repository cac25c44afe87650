using System.Diagnostics;
using System.Globalization;

namespace RafeCast.Testing.Media;

/// <summary>
/// Reads the capture time the simulator's synthetic camera burns into every frame: a strip across the top of the
/// picture of 32 black/white blocks, Unix milliseconds modulo 2^32, most significant bit first
/// (<c>CameraOptions.ClockStrip</c>). The full time is resolved near a time the reader already knows.
/// </summary>
public static class CameraClock
{
    /// <summary>Blocks in the strip.</summary>
    public const int Bits = 32;

    /// <summary>The time encoded by one luma sample per block (left to right), resolved within ±24 days of <paramref name="near"/>.</summary>
    public static DateTimeOffset Decode(ReadOnlySpan<byte> luma, DateTimeOffset near)
    {
        if (luma.Length != Bits)
        {
            throw new ArgumentException($"The clock strip has {Bits} blocks; got {luma.Length} samples.", nameof(luma));
        }
        long code = 0;
        foreach (var sample in luma)
        {
            code = (code << 1) | (sample > 125 ? 1L : 0L);
        }
        var nearMs = near.ToUnixTimeMilliseconds();
        var delta = (nearMs - code) % 4294967296L;
        if (delta < 0)
        {
            delta += 4294967296L;
        }
        if (delta >= 2147483648L)
        {
            delta -= 4294967296L;
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(nearMs - delta);
    }

    /// <summary>The capture time of the first frame of a segment (a file or a URL ffmpeg can read), decoded with ffmpeg.</summary>
    public static async Task<DateTimeOffset> ReadFirstFrameAsync(string input, DateTimeOffset near, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The strip's middle rows, averaged down to one sample per block.
        foreach (var argument in new[] { "-v", "error", "-i", input, "-frames:v", "1", "-vf", "crop=iw:ih/30:0:0,scale=32:1:flags=area,format=gray", "-f", "rawvideo", "-" })
        {
            start.ArgumentList.Add(argument);
        }
        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        using var output = new MemoryStream();
        var copy = ffmpeg.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var errors = ffmpeg.StandardError.ReadToEndAsync(cancellationToken);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                await ffmpeg.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ffmpeg.Kill(entireProcessTree: true);
                throw new TimeoutException($"ffmpeg did not read the clock strip of {input} within 30 s.");
            }
        }
        await copy.ConfigureAwait(false);
        var error = await errors.ConfigureAwait(false);
        if (ffmpeg.ExitCode != 0 || output.Length != Bits)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"ffmpeg could not read the clock strip of {input} (exit {ffmpeg.ExitCode}, {output.Length} bytes): {error}"));
        }
        return Decode(output.ToArray(), near);
    }
}
