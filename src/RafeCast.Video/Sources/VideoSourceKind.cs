namespace RafeCast.Video.Sources;

/// <summary>How a video source reaches the ground station.</summary>
public enum VideoSourceKind
{
    /// <summary>MPEG-TS over UDP (<c>udp://0.0.0.0:5600</c>), unicast or multicast.</summary>
    UdpMpegTs,
    /// <summary>RTP (H.264) described by an SDP file, QGroundControl's usual drone feed (<c>stream.sdp</c>).</summary>
    RtpSdp,
    /// <summary>RTSP pulled from a camera or server (<c>rtsp://camera/stream</c>), TCP or UDP transport.</summary>
    Rtsp,
    /// <summary>SRT, caller or listener (<c>srt://host:port?mode=listener</c>).</summary>
    Srt,
    /// <summary>RTMP: RafeCast listens for a publisher (<c>rtmp://0.0.0.0:1935/live/key</c>).</summary>
    RtmpListen,
    /// <summary>A media file, for tests and re-processing.</summary>
    File,
    /// <summary>Any other URL ffmpeg understands, passed through as is.</summary>
    Other,
}
