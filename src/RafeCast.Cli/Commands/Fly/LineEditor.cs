namespace RafeCast.Cli.Commands.Fly;

/// <summary>What a key did to the line.</summary>
internal enum EditResult
{
    /// <summary>The line changed (or not); keep reading.</summary>
    Edited,

    /// <summary>Enter: the line is complete (see <see cref="LineEditor.Submitted"/>).</summary>
    Submitted,

    /// <summary>Ctrl-D on an empty line: the pilot is done.</summary>
    EndOfInput,

    /// <summary>Tab found several completions (see <see cref="LineEditor.Candidates"/>).</summary>
    Candidates,
}

/// <summary>
/// The prompt's line: insert and delete at the cursor, Home/End/Left/Right (and Ctrl-A/E/U/K), Up/Down through
/// the history, Tab to complete. Pure state: keys in, text out, so it is tested without a terminal.
/// </summary>
internal sealed class LineEditor(Func<string, int, Completion>? complete = null)
{
    private const int HistoryLimit = 500;
    private readonly List<string> _history = [];
    private int _historyIndex;
    private string _draft = string.Empty;

    /// <summary>The text being edited.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>Cursor position, 0 to <see cref="Text"/>.Length.</summary>
    public int Cursor { get; private set; }

    /// <summary>The line Enter submitted.</summary>
    public string Submitted { get; private set; } = string.Empty;

    /// <summary>Completions Tab found when it could not pick one.</summary>
    public IReadOnlyList<string> Candidates { get; private set; } = [];

    /// <summary>Lines entered so far, oldest first.</summary>
    public IReadOnlyList<string> History => _history;

    public EditResult Apply(ConsoleKeyInfo key)
    {
        var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                Submitted = Text;
                if (Text.Trim().Length > 0 && (_history.Count == 0 || _history[^1] != Text))
                {
                    _history.Add(Text);
                    if (_history.Count > HistoryLimit)
                    {
                        _history.RemoveAt(0);
                    }
                }
                _historyIndex = _history.Count;
                _draft = string.Empty;
                Set(string.Empty);
                return EditResult.Submitted;
            case ConsoleKey.Backspace:
                if (Cursor > 0)
                {
                    Text = Text.Remove(Cursor - 1, 1);
                    Cursor--;
                }
                return EditResult.Edited;
            case ConsoleKey.Delete:
                if (Cursor < Text.Length)
                {
                    Text = Text.Remove(Cursor, 1);
                }
                return EditResult.Edited;
            case ConsoleKey.LeftArrow:
                Cursor = Math.Max(0, Cursor - 1);
                return EditResult.Edited;
            case ConsoleKey.RightArrow:
                Cursor = Math.Min(Text.Length, Cursor + 1);
                return EditResult.Edited;
            case ConsoleKey.Home:
                Cursor = 0;
                return EditResult.Edited;
            case ConsoleKey.End:
                Cursor = Text.Length;
                return EditResult.Edited;
            case ConsoleKey.UpArrow:
                if (_historyIndex > 0)
                {
                    if (_historyIndex == _history.Count)
                    {
                        _draft = Text;
                    }
                    _historyIndex--;
                    Set(_history[_historyIndex]);
                }
                return EditResult.Edited;
            case ConsoleKey.DownArrow:
                if (_historyIndex < _history.Count)
                {
                    _historyIndex++;
                    Set(_historyIndex == _history.Count ? _draft : _history[_historyIndex]);
                }
                return EditResult.Edited;
            case ConsoleKey.Tab:
                return Complete();
            case ConsoleKey.A when control:
                Cursor = 0;
                return EditResult.Edited;
            case ConsoleKey.E when control:
                Cursor = Text.Length;
                return EditResult.Edited;
            case ConsoleKey.U when control:
                Text = Text[Cursor..];
                Cursor = 0;
                return EditResult.Edited;
            case ConsoleKey.K when control:
                Text = Text[..Cursor];
                return EditResult.Edited;
            case ConsoleKey.D when control:
                return Text.Length == 0 ? EditResult.EndOfInput : EditResult.Edited;
            default:
                if (!control && key.KeyChar >= ' ' && key.KeyChar != '\u007f')
                {
                    Text = Text.Insert(Cursor, key.KeyChar.ToString());
                    Cursor++;
                }
                return EditResult.Edited;
        }
    }

    private EditResult Complete()
    {
        Candidates = [];
        if (complete is null)
        {
            return EditResult.Edited;
        }
        var completion = complete(Text, Cursor);
        if (completion.Candidates.Count == 0)
        {
            return EditResult.Edited;
        }
        var replacement = completion.Candidates.Count == 1
            ? completion.Candidates[0] + (completion.Candidates[0].EndsWith('/') ? string.Empty : " ")
            : CommonPrefix(completion.Candidates);
        if (replacement.Length >= Cursor - completion.Start)
        {
            Text = Text[..completion.Start] + replacement + Text[Cursor..];
            Cursor = completion.Start + replacement.Length;
        }
        if (completion.Candidates.Count > 1)
        {
            Candidates = completion.Candidates;
            return EditResult.Candidates;
        }
        return EditResult.Edited;
    }

    private void Set(string text)
    {
        Text = text;
        Cursor = text.Length;
    }

    private static string CommonPrefix(IReadOnlyList<string> words)
    {
        var prefix = words[0];
        foreach (var word in words.Skip(1))
        {
            var length = 0;
            while (length < prefix.Length && length < word.Length && char.ToLowerInvariant(prefix[length]) == char.ToLowerInvariant(word[length]))
            {
                length++;
            }
            prefix = prefix[..length];
        }
        return prefix;
    }
}

/// <summary>What can replace the word under the cursor, which starts at <see cref="Start"/>.</summary>
internal sealed record Completion(int Start, IReadOnlyList<string> Candidates)
{
    public static readonly Completion None = new(0, []);
}

/// <summary>
/// Tab completion for the pilot's commands: verbs, subcommands, the autopilot's flight modes, parameter names
/// seen so far, vehicle ids heard, and file paths for mission files.
/// </summary>
internal sealed class PilotCompleter(Func<IReadOnlyList<string>> modes, Func<IReadOnlyList<string>> parameters, Func<IReadOnlyList<string>> vehicles, string? directory = null)
{
    public Completion Complete(string line, int cursor)
    {
        var before = line[..cursor];
        var start = before.LastIndexOf(' ') + 1;
        var word = before[start..];
        var words = before[..start].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> options = words.Length switch
        {
            0 => PilotCommandParser.Verbs,
            1 => words[0].ToLowerInvariant() switch
            {
                "mode" => modes(),
                "mission" => ["upload", "download", "clear", "start"],
                "param" => ["get", "set", "list"],
                "vehicle" => vehicles(),
                _ => [],
            },
            2 => (words[0].ToLowerInvariant(), words[1].ToLowerInvariant()) switch
            {
                ("mission", "upload" or "download") => Paths(word),
                ("param", "get" or "set" or "list") => parameters(),
                _ => [],
            },
            _ => [],
        };
        var upperMatch = words.Length >= 1 && words[0].Equals("mode", StringComparison.OrdinalIgnoreCase) || words.Length == 2 && words[0].Equals("param", StringComparison.OrdinalIgnoreCase);
        var matches = options
            .Where(o => o.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(o => upperMatch ? o.ToUpperInvariant() : o)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new Completion(start, matches);
    }

    private IEnumerable<string> Paths(string prefix)
    {
        var root = directory ?? Directory.GetCurrentDirectory();
        var slash = prefix.LastIndexOf('/');
        var folderPart = slash >= 0 ? prefix[..(slash + 1)] : string.Empty;
        var folder = Path.Combine(root, folderPart.Length == 0 ? "." : folderPart);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        try
        {
            return Directory.EnumerateFileSystemEntries(folder)
                .Select(entry => folderPart + Path.GetFileName(entry) + (Directory.Exists(entry) ? "/" : string.Empty))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
