using RafeCast.Cli.Commands.Fly;
using RafeCast.Testing;

namespace RafeCast.Cli.Tests;

public sealed class FlyLineEditorTests
{
    private static ConsoleKeyInfo Key(ConsoleKey key, char c = '\0', bool control = false) => new(c, key, shift: false, alt: false, control);

    private static void Type(LineEditor editor, string text)
    {
        foreach (var c in text)
        {
            editor.Apply(new ConsoleKeyInfo(c, c == ' ' ? ConsoleKey.Spacebar : ConsoleKey.A, false, false, false));
        }
    }

    private static PilotCompleter Completer(string? directory = null) => new(
        () => ["STABILIZE", "GUIDED", "AUTO", "LOITER", "LAND"],
        () => ["RTL_ALT", "RTL_SPEED", "WPNAV_SPEED"],
        () => ["1", "2"],
        directory);

    [Fact]
    public void Enter_SubmitsTheLineAndClearsIt()
    {
        var editor = new LineEditor();
        Type(editor, "arm");

        var result = editor.Apply(Key(ConsoleKey.Enter));

        Assert.Equal(EditResult.Submitted, result);
        Assert.Equal("arm", editor.Submitted);
        Assert.Equal(string.Empty, editor.Text);
    }

    [Fact]
    public void CursorKeys_EditInTheMiddle()
    {
        var editor = new LineEditor();
        Type(editor, "tkeoff 2");

        editor.Apply(Key(ConsoleKey.Home));
        editor.Apply(Key(ConsoleKey.RightArrow));
        Type(editor, "a");
        editor.Apply(Key(ConsoleKey.End));
        Type(editor, "55");
        editor.Apply(Key(ConsoleKey.Backspace));
        editor.Apply(Key(ConsoleKey.LeftArrow));
        editor.Apply(Key(ConsoleKey.LeftArrow));
        editor.Apply(Key(ConsoleKey.Delete));

        Assert.Equal("takeoff 5", editor.Text);
        Assert.Equal(8, editor.Cursor);
        editor.Apply(Key(ConsoleKey.A, '\u0001', control: true));
        editor.Apply(Key(ConsoleKey.K, '\u000b', control: true));
        Assert.Equal(string.Empty, editor.Text);
    }

    [Fact]
    public void UpAndDown_WalkTheHistoryAndKeepTheDraft()
    {
        var editor = new LineEditor();
        foreach (var line in new[] { "arm", "takeoff 20", "rtl" })
        {
            Type(editor, line);
            editor.Apply(Key(ConsoleKey.Enter));
        }
        Type(editor, "mo");

        editor.Apply(Key(ConsoleKey.UpArrow));
        var last = editor.Text;
        editor.Apply(Key(ConsoleKey.UpArrow));
        editor.Apply(Key(ConsoleKey.UpArrow));
        editor.Apply(Key(ConsoleKey.UpArrow));
        var first = editor.Text;
        editor.Apply(Key(ConsoleKey.DownArrow));
        editor.Apply(Key(ConsoleKey.DownArrow));
        editor.Apply(Key(ConsoleKey.DownArrow));

        Assert.Equal("rtl", last);
        Assert.Equal("arm", first);
        Assert.Equal("mo", editor.Text);
        Assert.Equal(["arm", "takeoff 20", "rtl"], editor.History);
    }

    [Fact]
    public void CtrlD_OnAnEmptyLine_EndsInput()
    {
        var editor = new LineEditor();

        Assert.Equal(EditResult.EndOfInput, editor.Apply(Key(ConsoleKey.D, '\u0004', control: true)));
    }

    [Fact]
    public void Tab_WithOneMatch_CompletesTheVerbAndAddsASpace()
    {
        var editor = new LineEditor(Completer().Complete);
        Type(editor, "tak");

        editor.Apply(Key(ConsoleKey.Tab));

        Assert.Equal("takeoff ", editor.Text);
        Assert.Equal(editor.Text.Length, editor.Cursor);
    }

    [Fact]
    public void Tab_WithSeveralMatches_CompletesTheCommonPrefixAndListsThem()
    {
        var editor = new LineEditor(Completer().Complete);
        Type(editor, "param get RTL");

        var result = editor.Apply(Key(ConsoleKey.Tab));

        Assert.Equal(EditResult.Candidates, result);
        Assert.Equal("param get RTL_", editor.Text);
        Assert.Equal(["RTL_ALT", "RTL_SPEED"], editor.Candidates);
    }

    [Fact]
    public void Tab_AfterMode_CompletesTheAutopilotsModeNames()
    {
        var editor = new LineEditor(Completer().Complete);
        Type(editor, "mode gu");

        editor.Apply(Key(ConsoleKey.Tab));

        Assert.Equal("mode GUIDED ", editor.Text);
    }

    [Fact]
    public void Complete_MissionUpload_ListsFilesAndFolders()
    {
        using var dir = new TempDirectory("fly-complete");
        File.WriteAllText(dir.Combine("survey.plan"), "{}");
        Directory.CreateDirectory(dir.Combine("plans"));

        var files = Completer(dir.Path).Complete("mission upload s", "mission upload s".Length);
        var folders = Completer(dir.Path).Complete("mission upload pl", "mission upload pl".Length);

        Assert.Equal(["survey.plan"], files.Candidates);
        Assert.Equal(["plans/"], folders.Candidates);
        Assert.Equal("mission upload ".Length, files.Start);
    }

    [Fact]
    public void Complete_Subcommands_AndVehicleIds()
    {
        var completer = Completer();

        Assert.Equal(["download"], completer.Complete("mission d", 9).Candidates);
        Assert.Equal(["get", "list", "set"], completer.Complete("param ", 6).Candidates);
        Assert.Equal(["1", "2"], completer.Complete("vehicle ", 8).Candidates);
        Assert.Empty(completer.Complete("arm x", 5).Candidates);
    }
}
