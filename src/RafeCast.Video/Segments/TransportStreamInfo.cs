using System.Globalization;

namespace RafeCast.Video.Segments;

/// <summary>
/// What RafeCast needs to know about a closed MPEG-TS segment, read from the file itself (ISO/IEC 13818-1):
/// the video PTS range, and the codecs for the master playlist's CODECS attribute (RFC 6381).
/// </summary>
internal sealed record TransportStreamInfo(
    double? FirstVideoPtsSeconds,
    double? LastVideoPtsSeconds,
    string? VideoCodec,
    bool HasAudio,
    string? AudioCodec)
{
    private const int PacketSize = 188;
    private const double PtsClock = 90_000.0;

    /// <summary>The RFC 6381 codec list, e.g. <c>avc1.64001f,mp4a.40.2</c>; null when the video codec is unknown.</summary>
    public string? Codecs => VideoCodec is null ? null : HasAudio && AudioCodec is not null ? $"{VideoCodec},{AudioCodec}" : VideoCodec;

    public static TransportStreamInfo Read(ReadOnlySpan<byte> ts)
    {
        int? pmtPid = null;
        int? videoPid = null;
        byte videoType = 0;
        var audioPids = new HashSet<int>();
        byte audioType = 0;
        long? firstPts = null;
        long? lastPts = null;
        string? videoCodec = null;
        var firstPes = new List<byte>();
        var collecting = false;

        for (var offset = 0; offset + PacketSize <= ts.Length; offset += PacketSize)
        {
            var packet = ts.Slice(offset, PacketSize);
            if (packet[0] != 0x47)
            {
                // Lost sync: find the next sync byte rather than giving up on the file.
                var next = ts[(offset + 1)..].IndexOf((byte)0x47);
                if (next < 0)
                {
                    break;
                }
                offset += next + 1 - PacketSize;
                continue;
            }
            var pusi = (packet[1] & 0x40) != 0;
            var pid = ((packet[1] & 0x1F) << 8) | packet[2];
            var adaptation = (packet[3] >> 4) & 0x3;
            var payloadStart = 4;
            if (adaptation is 2 or 3)
            {
                payloadStart = 5 + packet[4];
            }
            if (adaptation is 0 or 2 || payloadStart >= PacketSize)
            {
                continue;
            }
            var payload = packet[payloadStart..];

            if (pid == 0 && pusi && pmtPid is null)
            {
                pmtPid = ReadPat(payload);
            }
            else if (pid == pmtPid && pusi && videoPid is null)
            {
                ReadPmt(payload, ref videoPid, ref videoType, audioPids, ref audioType);
            }
            else if (pid == videoPid)
            {
                if (pusi)
                {
                    if (collecting)
                    {
                        collecting = false;
                        videoCodec ??= CodecFromPes(videoType, firstPes);
                    }
                    if (ReadPesPts(payload, out var pts, out var headerLength))
                    {
                        firstPts ??= pts;
                        lastPts = lastPts is null ? pts : Math.Max(lastPts.Value, pts);
                    }
                    if (videoCodec is null && headerLength > 0 && headerLength < payload.Length)
                    {
                        firstPes.Clear();
                        firstPes.AddRange(payload[headerLength..]);
                        collecting = true;
                    }
                }
                else if (collecting)
                {
                    firstPes.AddRange(payload);
                }
            }
        }
        if (collecting)
        {
            videoCodec ??= CodecFromPes(videoType, firstPes);
        }

        return new TransportStreamInfo(
            firstPts / PtsClock,
            lastPts / PtsClock,
            videoCodec,
            audioPids.Count > 0,
            audioType switch { 0x0F => "mp4a.40.2", 0x03 or 0x04 => "mp4a.40.34", 0x81 => "ac-3", _ => null });
    }

    private static int? ReadPat(ReadOnlySpan<byte> payload)
    {
        var section = payload[(1 + payload[0])..];
        if (section.Length < 12 || section[0] != 0x00)
        {
            return null;
        }
        var length = ((section[1] & 0x0F) << 8) | section[2];
        for (var i = 8; i + 4 <= Math.Min(3 + length - 4, section.Length); i += 4)
        {
            var program = (section[i] << 8) | section[i + 1];
            if (program != 0)
            {
                return ((section[i + 2] & 0x1F) << 8) | section[i + 3];
            }
        }
        return null;
    }

    private static void ReadPmt(ReadOnlySpan<byte> payload, ref int? videoPid, ref byte videoType, HashSet<int> audioPids, ref byte audioType)
    {
        var section = payload[(1 + payload[0])..];
        if (section.Length < 12 || section[0] != 0x02)
        {
            return;
        }
        var length = ((section[1] & 0x0F) << 8) | section[2];
        var end = Math.Min(3 + length - 4, section.Length);
        var programInfoLength = ((section[10] & 0x0F) << 8) | section[11];
        for (var i = 12 + programInfoLength; i + 5 <= end;)
        {
            var type = section[i];
            var pid = ((section[i + 1] & 0x1F) << 8) | section[i + 2];
            var infoLength = ((section[i + 3] & 0x0F) << 8) | section[i + 4];
            if (type is 0x1B or 0x24 or 0x02 && videoPid is null)
            {
                videoPid = pid;
                videoType = type;
            }
            else if (type is 0x0F or 0x03 or 0x04 or 0x81)
            {
                audioPids.Add(pid);
                audioType = audioType == 0 ? type : audioType;
            }
            i += 5 + infoLength;
        }
    }

    private static bool ReadPesPts(ReadOnlySpan<byte> payload, out long pts, out int headerLength)
    {
        pts = 0;
        headerLength = 0;
        if (payload.Length < 9 || payload[0] != 0 || payload[1] != 0 || payload[2] != 1)
        {
            return false;
        }
        headerLength = 9 + payload[8];
        var hasPts = (payload[7] & 0x80) != 0;
        if (!hasPts || payload.Length < 14)
        {
            return false;
        }
        pts = ((long)(payload[9] & 0x0E) << 29) | ((long)payload[10] << 22) | ((long)(payload[11] & 0xFE) << 14) | ((long)payload[12] << 7) | ((long)payload[13] >> 1);
        return true;
    }

    // avc1.PPCCLL from the SPS: profile_idc, constraint flags, level_idc (RFC 6381 §3.3, ISO/IEC 14496-15).
    private static string? CodecFromPes(byte streamType, List<byte> pes)
    {
        if (streamType == 0x24)
        {
            return "hvc1";
        }
        if (streamType != 0x1B)
        {
            return null;
        }
        for (var i = 0; i + 6 < pes.Count; i++)
        {
            if (pes[i] == 0 && pes[i + 1] == 0 && pes[i + 2] == 1 && (pes[i + 3] & 0x1F) == 7)
            {
                return string.Create(CultureInfo.InvariantCulture, $"avc1.{pes[i + 4]:x2}{pes[i + 5]:x2}{pes[i + 6]:x2}");
            }
        }
        return null;
    }
}
