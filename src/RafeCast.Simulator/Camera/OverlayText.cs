using System.Globalization;
using System.Text;
using RafeCast.Simulator.Vehicles;

namespace RafeCast.Simulator.Camera;

/// <summary>
/// The overlay file a camera's drawtext re-reads every frame. Written whole to a temporary file and renamed
/// over the old one: rename is atomic, so ffmpeg reads either the previous text or the new one, never a torn
/// or empty file.
/// </summary>
internal sealed class OverlayText(string path)
{
    // drawtext would draw a byte-order mark like any other character.
    private static readonly UTF8Encoding NoByteOrderMark = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string _temporary = path + ".tmp";
    private string? _last;

    public string Path { get; } = path;

    /// <summary>Writes the text for <paramref name="snapshot"/>; skips the write when nothing visible changed.</summary>
    public void Write(VehicleSnapshot snapshot)
    {
        var text = Render(snapshot);
        if (text == _last)
        {
            return;
        }
        File.WriteAllText(_temporary, text, NoByteOrderMark);
        File.Move(_temporary, Path, overwrite: true);
        _last = text;
    }

    /// <summary>
    /// The overlay as drawtext reads it: the time line (expanded by ffmpeg per frame), then the vehicle's state.
    /// drawtext expands '%' sequences; a backslash makes the next character literal, so a percent sign is written "\\%".
    /// </summary>
    internal static string Render(VehicleSnapshot s) => string.Create(CultureInfo.InvariantCulture,
        $"{CameraCommand.TimeLine}\nVEHICLE {s.SystemId}  {CopterModes.Name(s.Mode)}  {(s.Armed ? "ARMED" : "DISARMED")}\nLAT {s.Position.Latitude:F7}  LON {s.Position.Longitude:F7}\nALT {s.Position.AltitudeRelative:F1} m  HDG {s.HeadingDegrees:000}  GS {s.GroundSpeed:F1} m/s  BAT {s.BatteryRemainingPercent:F0}\\%");
}
