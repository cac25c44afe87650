using System.Text.Json;
using RafeCast.Cli.Commands.Fly;
using RafeCast.Core.Geodesy;
using RafeCast.Mavlink.Messages;
using RafeCast.Mavlink.Microservices.Parameters;
using Spectre.Console.Testing;

namespace RafeCast.Cli.Tests;

public sealed class FlyOutputTests
{
    private static PilotStatus Status(IReadOnlyList<StatusField>? extra = null, bool linkLost = false) => new(
        new DateTimeOffset(2026, 11, 26, 10, 30, 5, 250, TimeSpan.Zero),
        "udpin:0.0.0.0:14550",
        1,
        1,
        "ArduPilot",
        "Quadrotor",
        "GUIDED",
        Armed: true,
        MavLandedState.InAir,
        GpsFixType.Type3dFix,
        12,
        new GeoPosition(-35.3632610, 149.1652300, 614.5, 30.5),
        5.04,
        -0.2,
        92,
        87,
        15.9,
        linkLost,
        linkLost ? 4.2 : 0.1,
        1.4,
        "Arming motors",
        extra ?? []);

    private static PilotResult Result(PilotOutcome outcome, string detail = "", PilotVerb verb = PilotVerb.Takeoff, string text = "takeoff 20") =>
        new(new PilotCommand(text, verb), 1, outcome, detail, TimeSpan.FromMilliseconds(240));

    [Theory]
    [InlineData("Accepted", "takeoff 20 -> accepted [0.2 s]")]
    [InlineData("Denied", "takeoff 20 -> denied [0.2 s]")]
    [InlineData("Failed", "takeoff 20 -> failed [0.2 s]")]
    [InlineData("TimedOut", "takeoff 20 -> timed out [0.2 s]")]
    public void ResultText_SaysTheOutcomeInWords(string outcome, string expected)
    {
        Assert.Equal(expected, PilotOutput.ResultText(Result(Enum.Parse<PilotOutcome>(outcome))));
    }

    [Fact]
    public void ResultText_WithDetail_PutsItAfterTheWord()
    {
        var text = PilotOutput.ResultText(Result(PilotOutcome.Failed, "Takeoff refused: motors not armed (the vehicle answered FAILED)"));

        Assert.Equal("takeoff 20 -> failed: Takeoff refused: motors not armed (the vehicle answered FAILED) [0.2 s]", text);
    }

    [Fact]
    public void ResultJson_CarriesEveryField()
    {
        var result = Result(PilotOutcome.Failed, "Takeoff refused: motors not armed") with
        {
            VehicleResult = "FAILED",
            StatusTexts = ["Takeoff refused: motors not armed"],
        };

        var json = JsonDocument.Parse(PilotOutput.ResultJson(result)).RootElement;

        Assert.Equal("result", json.GetProperty("type").GetString());
        Assert.Equal(1, json.GetProperty("vehicle").GetInt32());
        Assert.Equal("takeoff 20", json.GetProperty("command").GetString());
        Assert.Equal("failed", json.GetProperty("result").GetString());
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal("FAILED", json.GetProperty("vehicle_result").GetString());
        Assert.Equal("Takeoff refused: motors not armed", json.GetProperty("status_texts")[0].GetString());
        Assert.Equal(240, json.GetProperty("elapsed_ms").GetDouble());
    }

    [Fact]
    public void ResultJson_ForParameters_ListsThem()
    {
        var result = Result(PilotOutcome.Accepted, verb: PilotVerb.ParamGet, text: "param get RTL_ALT") with
        {
            Parameters = [new ParameterValue("RTL_ALT", 1500, MavParamType.Int32, 13)],
        };

        var parameter = JsonDocument.Parse(PilotOutput.ResultJson(result)).RootElement.GetProperty("params")[0];

        Assert.Equal("RTL_ALT", parameter.GetProperty("name").GetString());
        Assert.Equal(1500, parameter.GetProperty("value").GetDouble());
        Assert.Equal("int32", parameter.GetProperty("type").GetString());
    }

    [Fact]
    public void TelemetryJson_HasTheSnapshotFieldsAndContributedOnes()
    {
        var status = Status([new StatusField("Dome", "inside dome-weston-orchard"), new StatusField("Broadcast state", "live")]);

        var json = JsonDocument.Parse(PilotOutput.TelemetryJson(status)).RootElement;

        Assert.Equal("telemetry", json.GetProperty("type").GetString());
        Assert.Equal("2026-11-26T10:30:05.250Z", json.GetProperty("time").GetString());
        Assert.Equal("GUIDED", json.GetProperty("mode").GetString());
        Assert.True(json.GetProperty("armed").GetBoolean());
        Assert.Equal("3D fix", json.GetProperty("gps_fix").GetString());
        Assert.Equal(12, json.GetProperty("satellites").GetInt32());
        Assert.Equal(-35.363261, json.GetProperty("lat").GetDouble(), 7);
        Assert.Equal(30.5, json.GetProperty("alt_rel").GetDouble());
        Assert.Equal(87, json.GetProperty("battery_pct").GetInt32());
        Assert.Equal(1.4, json.GetProperty("packet_loss_pct").GetDouble());
        Assert.Equal("Arming motors", json.GetProperty("last_message").GetString());
        Assert.Equal("inside dome-weston-orchard", json.GetProperty("dome").GetString());
        Assert.Equal("live", json.GetProperty("broadcast_state").GetString());
    }

    [Fact]
    public void StatusPanel_ShowsEveryFieldTheIssueNames()
    {
        var console = new TestConsole();
        console.Profile.Width = 120;

        console.Write(StatusPanel.Render(Status()));

        var text = console.Output;
        foreach (var expected in new[] { "Vehicle", "1 (ArduPilot Quadrotor)", "GUIDED", "ARMED", "3D fix, 12 satellites", "-35.3632610, 149.1652300", "30.5 m rel", "5.0 m/s", "092", "87 %", "ok, 1.4 % lost", "Arming motors" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StatusPanel_WithContributors_AddsTheirRows()
    {
        var console = new TestConsole();
        console.Profile.Width = 120;

        console.Write(StatusPanel.Render(Status([new StatusField("Dome", "dome-duffy-market"), new StatusField("Broadcast", "live, 3 viewers"), new StatusField("Archive", "12 segments")])));

        Assert.Contains("dome-duffy-market", console.Output, StringComparison.Ordinal);
        Assert.Contains("live, 3 viewers", console.Output, StringComparison.Ordinal);
        Assert.Contains("12 segments", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusPanel_LinkLost_SaysSo()
    {
        var console = new TestConsole();
        console.Profile.Width = 120;

        console.Write(StatusPanel.Render(Status(linkLost: true)));

        Assert.Contains("LOST (nothing for 4.2 s)", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_Scripted_WritesOneUnwrappedLinePerResult()
    {
        var console = new TestConsole();
        console.Profile.Width = 40;
        var output = new PilotOutput(console, json: false, interactive: false);

        output.Result(Result(PilotOutcome.Failed, "Takeoff refused: motors not armed (the vehicle answered FAILED)"));
        output.Result(Result(PilotOutcome.Accepted, text: "arm", verb: PilotVerb.Arm));

        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("takeoff 20 -> failed: Takeoff refused", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("arm -> accepted", lines[1], StringComparison.Ordinal);
    }
}
