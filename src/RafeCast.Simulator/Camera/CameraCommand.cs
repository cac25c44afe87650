using System.Globalization;
using System.Text;

namespace RafeCast.Simulator.Camera;

/// <summary>
/// The ffmpeg arguments of one synthetic camera. The clock design, so a frame's burned-in time is the wall time
/// the frame was made at, which is the telemetry clock:
/// <list type="number">
/// <item>a lavfi test pattern, paced to real time by the <c>realtime</c> filter;</item>
/// <item><c>settb=AVTB,setpts=RTCTIME</c> stamps each frame with the wall clock (µs since the Unix epoch) as it
/// passes, so the overlay's <c>%{pts:gmtime}</c> and milliseconds print that instant — not a start time plus a
/// frame count that drifts when ffmpeg falls behind;</item>
/// <item>with <see cref="CameraOptions.ClockStrip"/>, the same instant as a machine-readable strip across the top of the
/// frame (<see cref="ClockStripBits"/> black/white blocks: Unix milliseconds modulo 2^32, most significant bit first),
/// so a receiver — a test, a benchmark, a browser drawing the frame to a canvas — reads the capture time back;</item>
/// <item>one <c>drawtext</c> reads the overlay file the simulator rewrites (atomically, by rename) with the
/// vehicle's position; <c>reload=1</c> re-reads it every frame and its expansion fills in the time;</item>
/// <item><c>setpts=RTCTIME-RTCSTART</c> then turns the stamp into the stream's timeline: media time is wall time
/// since ffmpeg started, so a receiver's clock mapping sees no drift;</item>
/// <item>x264 with no B-frames and a one-second GOP, MPEG-TS to UDP (1316-byte datagrams) or SRT.</item>
/// </list>
/// </summary>
internal static class CameraCommand
{
    /// <summary>
    /// The first overlay line: UTC date and time to the millisecond of the frame's own timestamp (the wall
    /// clock stamped by <c>setpts=RTCTIME</c>). drawtext expands it every frame.
    /// </summary>
    public const string TimeLine = @"%{pts:gmtime:0:%Y-%m-%d %H\:%M\:%S}.%{eif:mod(floor(t*1000)\,1000):d:3} UTC";

    /// <summary>Blocks in the clock strip: one bit each of Unix milliseconds modulo 2^32.</summary>
    public const int ClockStripBits = 32;

    /// <summary>Height of the clock strip in pixels for a frame <paramref name="height"/> high (1/22.5 of it, at least 8).</summary>
    public static int ClockStripHeight(int height) => Math.Max(8, height * 2 / 45);

    public static IReadOnlyList<string> Build(CameraOptions options, string url, string overlayPath)
    {
        var fps = options.FramesPerSecond.ToString(CultureInfo.InvariantCulture);
        var bitrate = options.BitrateKbps.ToString(CultureInfo.InvariantCulture) + "k";
        var buffer = (options.BitrateKbps / 2).ToString(CultureInfo.InvariantCulture) + "k";
        var args = new List<string> { "-loglevel", "warning" };
        args.AddRange(InputArguments(options));
        args.AddRange(
        [
            "-vf", FilterGraph(options, overlayPath),
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
            "-bf", "0", "-g", fps, "-keyint_min", fps, "-sc_threshold", "0",
            "-b:v", bitrate, "-maxrate", bitrate, "-bufsize", buffer,
            "-fps_mode", "passthrough",
            "-flush_packets", "1",
            "-f", "mpegts",
        ]);
        args.Add(url.StartsWith("udp:", StringComparison.OrdinalIgnoreCase) && !url.Contains("pkt_size", StringComparison.Ordinal)
            ? url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "pkt_size=1316"
            : url);
        return args;
    }

    /// <summary>The test pattern input.</summary>
    internal static IReadOnlyList<string> InputArguments(CameraOptions options) =>
        ["-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={options.Width}x{options.Height}:rate={options.FramesPerSecond}")];

    /// <summary>
    /// The filter graph; <paramref name="logFrames"/> adds a <c>showinfo</c> right after the wall-clock stamp, so
    /// each frame's stamp (µs since the Unix epoch) appears in ffmpeg's log (tests compare it with the picture).
    /// </summary>
    internal static string FilterGraph(CameraOptions options, string overlayPath, bool logFrames = false)
    {
        List<string> filters = ["realtime", "settb=AVTB", "setpts=RTCTIME"];
        if (logFrames)
        {
            filters.Add("showinfo");
        }
        if (options.ClockStrip)
        {
            // geq's T is the frame's time in seconds, here the wall clock stamped just before: each block is one bit.
            var strip = string.Create(CultureInfo.InvariantCulture, $"{options.Width}:{ClockStripHeight(options.Height)}");
            filters.Add($"split[main][clock];[clock]crop={strip}:0:0,format=gray,geq=lum='if(mod(floor(mod(floor(T*1000)\\,4294967296)/pow(2\\,31-floor(X*{ClockStripBits}/W)))\\,2)\\,235\\,16)'[strip];[main][strip]overlay=0:0");
        }
        filters.Add($"drawtext=textfile={EscapeOptionValue(overlayPath)}:reload=1:expansion=normal:{TextStyle(options)}");
        filters.Add("setpts=RTCTIME-RTCSTART");
        filters.Add("format=yuv420p");
        return string.Join(',', filters);
    }

    /// <summary>How the overlay looks: white monospace on a translucent black box at the bottom left.</summary>
    internal static string TextStyle(CameraOptions options)
    {
        var fontSize = Math.Max(12, options.Height / 20).ToString(CultureInfo.InvariantCulture);
        return $"font=Mono:fontsize={fontSize}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8:line_spacing=6:x=16:y=h-th-16";
    }

    /// <summary>
    /// Escapes a value for a filter option inside a filtergraph: once for the option parser (':' and '\'' and
    /// '\\'), once more for the graph parser (',' ';' '[' ']' '\'' '\\'), per ffmpeg-filters "Notes on filtergraph escaping".
    /// </summary>
    internal static string EscapeOptionValue(string value)
    {
        static string Escape(string text, string special)
        {
            var builder = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                if (special.Contains(c, StringComparison.Ordinal))
                {
                    builder.Append('\\');
                }
                builder.Append(c);
            }
            return builder.ToString();
        }
        return Escape(Escape(value, "\\':"), "\\'[],;");
    }
}
