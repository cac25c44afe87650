using System.Diagnostics;

namespace RafeCast.Video.Tests.Support;

/// <summary>Runs ffmpeg/ffprobe to inspect outputs; returns stdout, throws with stderr on failure.</summary>
internal static class Tool
{
    public static async Task<byte[]> RunBytesAsync(string executable, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
        }
        return output.ToArray();
    }

    public static async Task<string> RunAsync(string executable, params string[] arguments) =>
        System.Text.Encoding.UTF8.GetString(await RunBytesAsync(executable, arguments));

    /// <summary>ffprobe's packets of the first video stream as (pts seconds, is keyframe, size, data hash) rows.</summary>
    public static async Task<IReadOnlyList<(double Pts, bool Key)>> VideoPacketsAsync(string path)
    {
        var csv = await RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", path);
        return [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(','))
            .Where(p => p.Length >= 2 && p[0] != "N/A")
            .Select(p => (double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p[1].Contains('K', StringComparison.Ordinal)))];
    }

    /// <summary>The container duration ffprobe reports, seconds.</summary>
    public static async Task<double> DurationAsync(string path) =>
        double.Parse((await RunAsync("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
