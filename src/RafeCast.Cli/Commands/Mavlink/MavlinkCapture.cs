using RafeCast.Cli.Infrastructure;
using RafeCast.Mavlink.Framing;
using RafeCast.Mavlink.Links;
using RafeCast.Mavlink.Signing;
using RafeCast.Mavlink.Tlog;

namespace RafeCast.Cli.Commands.Mavlink;

/// <summary>Called for each frame read from a capture or a live link.</summary>
internal delegate void FrameCallback(in MavlinkFrame frame);

/// <summary>What reading a source found: the parser counters and the frames refused for their signature.</summary>
internal sealed record CaptureSummary(MavlinkCounters Counters, long BadSignatures)
{
    public string Line => BadSignatures > 0 ? $"{Counters}, bad signatures {BadSignatures}" : Counters.ToString();
}

/// <summary>
/// Reads frames from what the user named: a capture file (a .tlog, or a raw byte stream) or a live
/// connection string. Live sources run until the command is cancelled (Ctrl-C).
/// </summary>
internal static class MavlinkCapture
{
    public const string FormatRaw = "raw";
    public const string FormatTlog = "tlog";

    /// <summary>True when <paramref name="source"/> names a live link rather than a file.</summary>
    public static bool IsLive(string source, out MavlinkConnectionString? connection)
    {
        connection = null;
        if (File.Exists(source))
        {
            return false;
        }
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }
        try
        {
            connection = MavlinkConnectionString.Parse(source);
        }
        catch (FormatException ex)
        {
            throw new UserFacingException($"SOURCE {ex.Message}", ExitCodes.Usage, ex);
        }
        return connection.Kind != MavlinkLinkKind.File;
    }

    public static MavlinkSigningKey? ParseKey(string? hex)
    {
        if (hex is null)
        {
            return null;
        }
        try
        {
            return MavlinkSigningKey.FromHex(hex);
        }
        catch (FormatException ex)
        {
            throw new UserFacingException($"--signing-key: {ex.Message}", ExitCodes.Usage, ex);
        }
    }

    public static async Task<CaptureSummary> ReadAsync(string source, string? format, MavlinkSigningKey? key, FrameCallback onFrame, CancellationToken cancellationToken)
    {
        if (IsLive(source, out var connection))
        {
            return await ReadLiveAsync(connection!, key, onFrame, cancellationToken).ConfigureAwait(false);
        }
        var path = connection?.Path ?? source;
        if (!File.Exists(path))
        {
            throw new UserFacingException(
                $"SOURCE '{source}' is neither an existing file nor a connection string. Accepted connection strings: {MavlinkConnectionString.AcceptedForms}.",
                ExitCodes.Usage);
        }
        var kind = (format ?? (path.EndsWith(".tlog", StringComparison.OrdinalIgnoreCase) ? FormatTlog : FormatRaw)).ToLowerInvariant();
        return kind switch
        {
            FormatTlog => await ReadTlogAsync(path, key, onFrame, cancellationToken).ConfigureAwait(false),
            FormatRaw => await ReadRawAsync(path, key, onFrame, cancellationToken).ConfigureAwait(false),
            _ => throw new UserFacingException($"--format '{format}' is not a capture format; use raw or tlog.", ExitCodes.Usage),
        };
    }

    private static async Task<CaptureSummary> ReadRawAsync(string path, MavlinkSigningKey? key, FrameCallback onFrame, CancellationToken cancellationToken)
    {
        var parser = new MavlinkParser();
        var buffer = new byte[64 * 1024];
        long bad = 0;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            bad += Parse(parser, buffer.AsSpan(0, read), key, onFrame);
        }
        while (parser.TryReadFinal(out var frame))
        {
            if (Verified(frame, key))
            {
                onFrame(frame);
            }
            else
            {
                bad++;
            }
        }
        return new CaptureSummary(parser.Counters, bad);
    }

    private static long Parse(MavlinkParser parser, ReadOnlySpan<byte> chunk, MavlinkSigningKey? key, FrameCallback onFrame)
    {
        long bad = 0;
        while (parser.TryRead(ref chunk, out var frame))
        {
            if (Verified(frame, key))
            {
                onFrame(frame);
            }
            else
            {
                bad++;
            }
        }
        return bad;
    }

    private static async Task<CaptureSummary> ReadTlogAsync(string path, MavlinkSigningKey? key, FrameCallback onFrame, CancellationToken cancellationToken)
    {
        using var reader = TlogReader.Open(path);
        long bad = 0;
        do
        {
            bad += Drain(reader, key, onFrame);
        }
        while (await reader.FillAsync(cancellationToken).ConfigureAwait(false));
        return new CaptureSummary(reader.Counters, bad);
    }

    private static long Drain(TlogReader reader, MavlinkSigningKey? key, FrameCallback onFrame)
    {
        long bad = 0;
        while (reader.TryRead(out _, out var frame))
        {
            if (Verified(frame, key))
            {
                onFrame(frame);
            }
            else
            {
                bad++;
            }
        }
        return bad;
    }

    // A recorded capture is checked for the signature only: its timestamps are from the past by nature, so the
    // live replay rules (new streams within 60 s of now) would refuse every frame.
    private static bool Verified(in MavlinkFrame frame, MavlinkSigningKey? key) =>
        key is null || !frame.IsSigned || MavlinkSignature.Matches(key, frame.Raw);

    private static async Task<CaptureSummary> ReadLiveAsync(MavlinkConnectionString connection, MavlinkSigningKey? key, FrameCallback onFrame, CancellationToken cancellationToken)
    {
        await using var link = new MavlinkLink(MavlinkTransports.Create(connection), new MavlinkLinkOptions { SigningKey = key });
        link.AddHandler(new Handler(onFrame));
        try
        {
            await link.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            throw new UserFacingException(ex.Message, ExitCodes.Unavailable, ex);
        }
        try
        {
            await link.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends a live capture normally: the summary still follows.
        }
        return new CaptureSummary(link.Counters, link.RefusedFrames);
    }

    private sealed class Handler(FrameCallback onFrame) : IMavlinkFrameHandler
    {
        public void OnFrame(MavlinkLink link, in MavlinkFrame frame, DateTimeOffset receivedUtc) => onFrame(frame);
    }
}
