using System.Globalization;
using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Vehicles;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RafeCast.Cli.Commands.Fly;

/// <summary>One more line of the status panel: a label and its value (e.g. "Dome" / "inside dome-weston-orchard").</summary>
internal readonly record struct StatusField(string Label, string Value);

/// <summary>
/// Adds fields to the status panel and the JSON telemetry snapshots. Later stages plug in here: the geo stage
/// adds the current dome, the publishing stage the broadcast state; the panel and JSON show whatever they give.
/// </summary>
internal interface IStatusContributor
{
    /// <summary>Fields for <paramref name="vehicle"/> now; keys in JSON are the labels in snake case.</summary>
    IEnumerable<StatusField> Fields(VehicleState vehicle);
}

/// <summary>What the status panel shows of the selected vehicle (angles in degrees, speeds in m/s, altitudes in metres).</summary>
internal sealed record PilotStatus(
    DateTimeOffset TimeUtc,
    string Connection,
    byte SystemId,
    byte ComponentId,
    string Autopilot,
    string VehicleType,
    string Mode,
    bool Armed,
    MavLandedState LandedState,
    GpsFixType? GpsFix,
    int? Satellites,
    GeoPosition? Position,
    double? GroundSpeed,
    double? ClimbRate,
    double? HeadingDegrees,
    int? BatteryPercent,
    double? BatteryVoltage,
    bool LinkLost,
    double SecondsSinceHeard,
    double PacketLossPercent,
    string? LastMessage,
    IReadOnlyList<StatusField> Extra)
{
    /// <summary>The panel's view of <paramref name="session"/>'s selected vehicle now.</summary>
    public static PilotStatus Of(PilotSession session, IReadOnlyList<IStatusContributor> contributors, TimeProvider time)
    {
        var vehicle = session.Selected;
        var state = vehicle.State;
        var now = time.GetUtcNow();
        var extra = contributors.SelectMany(c => c.Fields(state)).ToList();
        return new PilotStatus(
            now,
            session.Connection,
            state.Id.SystemId,
            state.Id.ComponentId,
            AutopilotName(state.Autopilot),
            state.Type.ToString(),
            state.FlightMode,
            state.Armed,
            state.LandedState,
            state.Gps?.FixType,
            state.Gps?.SatellitesVisible,
            state.Position,
            state.GroundSpeedMetresPerSecond,
            state.ClimbRateMetresPerSecond,
            state.HeadingDegrees,
            state.Battery?.RemainingPercent,
            state.Battery is { VoltageVolts: var v } && double.IsFinite(v) ? v : null,
            state.LinkLost,
            Math.Max(0, (now - state.LastHeardUtc).TotalSeconds),
            session.PacketLossPercent(state.Id),
            session.LastMessage(state.Id.SystemId)?.Text,
            extra);
    }

    public static string AutopilotName(MavAutopilot autopilot) => autopilot switch
    {
        MavAutopilot.Ardupilotmega => "ArduPilot",
        MavAutopilot.Px4 => "PX4",
        _ => autopilot.ToString(),
    };

    public static string FixName(GpsFixType? fix) => fix switch
    {
        null => "no GPS data",
        GpsFixType.NoGps => "no GPS",
        GpsFixType.NoFix => "no fix",
        GpsFixType.Type2dFix => "2D fix",
        GpsFixType.Type3dFix => "3D fix",
        GpsFixType.Dgps => "DGPS",
        GpsFixType.RtkFloat => "RTK float",
        GpsFixType.RtkFixed => "RTK fixed",
        _ => fix.Value.ToString(),
    };

    public static string LandedName(MavLandedState state) => state switch
    {
        MavLandedState.OnGround => "on the ground",
        MavLandedState.InAir => "in the air",
        MavLandedState.Takeoff => "taking off",
        MavLandedState.Landing => "landing",
        _ => "unknown",
    };

    /// <summary>Link quality in words: "ok", "lossy (12.5 % lost)", "LOST (no data for 4.2 s)".</summary>
    public string LinkText => LinkLost
        ? string.Create(CultureInfo.InvariantCulture, $"LOST (nothing for {SecondsSinceHeard:0.0} s)")
        : PacketLossPercent >= 5
            ? string.Create(CultureInfo.InvariantCulture, $"lossy, {PacketLossPercent:0.0} % lost")
            : string.Create(CultureInfo.InvariantCulture, $"ok, {PacketLossPercent:0.0} % lost");
}

/// <summary>Draws <see cref="PilotStatus"/> as a bordered panel: two label/value pairs per row, extra fields last.</summary>
internal static class StatusPanel
{
    public static IRenderable Render(PilotStatus s)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadRight(1));
        grid.AddColumn(new GridColumn().PadRight(4));
        grid.AddColumn(new GridColumn().NoWrap().PadRight(1));
        grid.AddColumn(new GridColumn());

        string F(double? value, string format, string unit) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : "-";

        var armed = s.Armed ? "[red bold]ARMED[/]" : "[green]disarmed[/]";
        grid.AddRow(Label("Vehicle"), Markup.Escape($"{s.SystemId} ({s.Autopilot} {s.VehicleType})"), Label("Mode"), $"[bold]{Markup.Escape(s.Mode)}[/]  {armed}");
        var satellites = s.Satellites is { } n ? $", {n} satellites" : string.Empty;
        grid.AddRow(Label("GPS"), Markup.Escape(PilotStatus.FixName(s.GpsFix) + satellites), Label("State"), Markup.Escape(PilotStatus.LandedName(s.LandedState)));
        var position = s.Position is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p.Latitude:0.0000000}, {p.Longitude:0.0000000}") : "-";
        grid.AddRow(Label("Position"), position, Label("Altitude"), s.Position is { } a ? string.Create(CultureInfo.InvariantCulture, $"{a.AltitudeRelative:0.0} m rel ({a.AltitudeAmsl:0.0} m AMSL)") : "-");
        grid.AddRow(Label("Speed"), F(s.GroundSpeed, "0.0", " m/s") + (s.ClimbRate is { } c ? string.Create(CultureInfo.InvariantCulture, $", climb {c:0.0} m/s") : string.Empty), Label("Heading"), F(s.HeadingDegrees, "000", "°"));
        var battery = s.BatteryPercent is { } pct ? $"{pct} %" : "-";
        if (s.BatteryVoltage is { } volts)
        {
            battery += string.Create(CultureInfo.InvariantCulture, $" ({volts:0.00} V)");
        }
        var link = s.LinkLost ? $"[red bold]{Markup.Escape(s.LinkText)}[/]" : s.PacketLossPercent >= 5 ? $"[yellow]{Markup.Escape(s.LinkText)}[/]" : Markup.Escape(s.LinkText);
        grid.AddRow(Label("Battery"), s.BatteryPercent is < 20 ? $"[red]{Markup.Escape(battery)}[/]" : Markup.Escape(battery), Label("Link"), link);
        for (var i = 0; i < s.Extra.Count; i += 2)
        {
            var first = s.Extra[i];
            if (i + 1 < s.Extra.Count)
            {
                var second = s.Extra[i + 1];
                grid.AddRow(Label(first.Label), Markup.Escape(first.Value), Label(second.Label), Markup.Escape(second.Value));
            }
            else
            {
                grid.AddRow(Label(first.Label), Markup.Escape(first.Value), string.Empty, string.Empty);
            }
        }
        var rows = new Rows(grid, new Markup($"{Label("Message")} {Markup.Escape(s.LastMessage ?? "-")}"));
        return new Panel(rows)
        {
            Header = new PanelHeader($" RafeCast pilot · {Markup.Escape(s.Connection)} "),
            Border = BoxBorder.Rounded,
            Expand = true,
        };
    }

    private static string Label(string text) => $"[grey]{Markup.Escape(text)}[/]";
}
