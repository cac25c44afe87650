using System.Runtime.CompilerServices;
using RafeCast.Core.Telemetry;
using RafeCast.Mavlink.Tlog;

namespace RafeCast.Mavlink.Telemetry;

/// <summary>Telemetry samples from a recorded flight (.tlog), for retro-tagging footage.</summary>
public static class TlogTelemetry
{
    /// <summary>
    /// Every position sample in <paramref name="path"/>, in file order. Damaged records are skipped; a file
    /// that is not a .tlog yields nothing.
    /// </summary>
    public static async IAsyncEnumerable<TelemetrySample> ReadSamplesAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = TlogReader.Open(path);
        var builder = new TelemetrySampleBuilder(path);
        var batch = new List<TelemetrySample>();
        do
        {
            // Frames are views into the reader's buffer, so samples are collected before the next await.
            Collect(reader, builder, batch);
            foreach (var sample in batch)
            {
                yield return sample;
            }
            batch.Clear();
        }
        while (await reader.FillAsync(cancellationToken).ConfigureAwait(false));
    }

    private static void Collect(TlogReader reader, TelemetrySampleBuilder builder, List<TelemetrySample> batch)
    {
        while (reader.TryRead(out var time, out var frame))
        {
            if (builder.TryAdd(frame, time, out var sample))
            {
                batch.Add(sample);
            }
        }
    }
}
