namespace RafeCast.Simulator.Vehicles;

/// <summary>
/// ArduCopter flight modes with their <c>custom_mode</c> numbers, as HEARTBEAT carries them
/// (https://ardupilot.org/copter/docs/parameters.html#fltmode1). The simulator flies the ones named in the
/// summary of <see cref="CopterModes.Supported"/>; the others are refused.
/// </summary>
public enum CopterMode : uint
{
    Stabilize = 0,
    Acro = 1,
    AltHold = 2,
    Auto = 3,
    Guided = 4,
    Loiter = 5,
    Rtl = 6,
    Circle = 7,
    Land = 9,
    Drift = 11,
    Sport = 13,
    Flip = 14,
    AutoTune = 15,
    PosHold = 16,
    Brake = 17,
    Throw = 18,
    SmartRtl = 21,
}

/// <summary>Names and support of <see cref="CopterMode"/>.</summary>
public static class CopterModes
{
    /// <summary>The modes the simulator flies: STABILIZE, ALT_HOLD, AUTO, GUIDED, LOITER, RTL, LAND, POSHOLD, BRAKE.</summary>
    public static IReadOnlyList<CopterMode> Supported { get; } =
    [
        CopterMode.Stabilize, CopterMode.AltHold, CopterMode.Auto, CopterMode.Guided, CopterMode.Loiter,
        CopterMode.Rtl, CopterMode.Land, CopterMode.PosHold, CopterMode.Brake,
    ];

    /// <summary>The name ArduCopter and the ground stations show, e.g. <c>ALT_HOLD</c>.</summary>
    public static string Name(CopterMode mode) => mode switch
    {
        CopterMode.Stabilize => "STABILIZE",
        CopterMode.Acro => "ACRO",
        CopterMode.AltHold => "ALT_HOLD",
        CopterMode.Auto => "AUTO",
        CopterMode.Guided => "GUIDED",
        CopterMode.Loiter => "LOITER",
        CopterMode.Rtl => "RTL",
        CopterMode.Circle => "CIRCLE",
        CopterMode.Land => "LAND",
        CopterMode.Drift => "DRIFT",
        CopterMode.Sport => "SPORT",
        CopterMode.Flip => "FLIP",
        CopterMode.AutoTune => "AUTOTUNE",
        CopterMode.PosHold => "POSHOLD",
        CopterMode.Brake => "BRAKE",
        CopterMode.Throw => "THROW",
        CopterMode.SmartRtl => "SMART_RTL",
        _ => $"MODE_{(uint)mode}",
    };

    public static bool IsSupported(CopterMode mode) => Supported.Contains(mode);
}
