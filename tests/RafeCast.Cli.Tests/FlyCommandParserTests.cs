using RafeCast.Cli.Commands.Fly;

namespace RafeCast.Cli.Tests;

public sealed class FlyCommandParserTests
{
    [Fact]
    public void ParseScript_TheIssueExample_GivesFourCommandsWithTheirArguments()
    {
        var commands = PilotCommandParser.ParseScript("arm; takeoff 30; goto -35.36 149.17; rtl");

        Assert.Equal([PilotVerb.Arm, PilotVerb.Takeoff, PilotVerb.Goto, PilotVerb.Rtl], commands.Select(c => c.Verb));
        Assert.Equal(30, commands[1].Altitude);
        Assert.Equal(-35.36, commands[2].Latitude);
        Assert.Equal(149.17, commands[2].Longitude);
        Assert.True(double.IsNaN(commands[2].Altitude));
        Assert.Equal("goto -35.36 149.17", commands[2].Text);
    }

    [Theory]
    [InlineData("mission upload plans/a.plan", "MissionUpload", "plans/a.plan")]
    [InlineData("mission download out.waypoints", "MissionDownload", "out.waypoints")]
    [InlineData("mission clear", "MissionClear", "")]
    [InlineData("MISSION START", "MissionStart", "")]
    [InlineData("param get rtl_alt", "ParamGet", "RTL_ALT")]
    [InlineData("param list WPNAV", "ParamList", "WPNAV")]
    [InlineData("param list", "ParamList", "")]
    [InlineData("mode guided", "Mode", "GUIDED")]
    [InlineData("status", "Status", "")]
    [InlineData("help", "Help", "")]
    [InlineData("quit", "Quit", "")]
    [InlineData("exit", "Quit", "")]
    public void Parse_KnownCommand_GivesVerbAndArgument(string line, string verb, string argument)
    {
        var command = PilotCommandParser.Parse(line);

        Assert.Equal(Enum.Parse<PilotVerb>(verb), command.Verb);
        Assert.Equal(argument, command.Argument);
    }

    [Fact]
    public void Parse_ParamSetAndVehicleAndWait_ReadTheirNumbers()
    {
        Assert.Equal(800f, PilotCommandParser.Parse("param set WPNAV_SPEED 800").Value);
        Assert.Equal(2, PilotCommandParser.Parse("vehicle 2").SystemId);
        Assert.Equal(2.5, PilotCommandParser.Parse("wait 2.5").Seconds);
        Assert.Equal(40, PilotCommandParser.Parse("goto -35.36 149.17 40").Altitude);
    }

    [Theory]
    [InlineData("fly away", "unknown command 'fly'")]
    [InlineData("takeoff", "usage: takeoff ALT")]
    [InlineData("takeoff high", "ALT 'high' is not a number")]
    [InlineData("takeoff -5", "must be above 0")]
    [InlineData("goto -35.36", "usage: goto LAT LON [ALT]")]
    [InlineData("goto 95 149", "is not a position")]
    [InlineData("arm now", "arm takes no arguments")]
    [InlineData("mission", "mission needs a subcommand")]
    [InlineData("mission fly x", "unknown subcommand")]
    [InlineData("param set RTL_ALT", "usage: param set NAME VALUE")]
    [InlineData("param get A_NAME_THAT_IS_FAR_TOO_LONG", "is not a parameter name")]
    [InlineData("vehicle 0", "is not a system id")]
    [InlineData("vehicle 256", "is not a system id")]
    [InlineData("mode", "usage: mode NAME")]
    public void Parse_BadLine_SaysWhatIsWrong(string line, string expected)
    {
        var error = Assert.Throws<PilotCommandException>(() => PilotCommandParser.Parse(line));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseScript_SkipsBlanksAndComments_AndFailsOnTheFirstBadCommand()
    {
        Assert.Equal(2, PilotCommandParser.ParseScript("arm;; # comment\n takeoff 10 ;").Count);
        var error = Assert.Throws<PilotCommandException>(() => PilotCommandParser.ParseScript("arm; jump 3; rtl"));
        Assert.Contains("'jump'", error.Message, StringComparison.Ordinal);
    }
}
