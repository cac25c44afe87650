namespace RafeCast.Infra.Tests;

/// <summary>A systemd unit file read as sections of key=value lines; a key may repeat (DeviceAllow=).</summary>
public sealed class UnitFile
{
    private readonly List<(string Section, string Key, string Value)> _entries = [];

    public static UnitFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var unit = new UnitFile();
        var section = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }
            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1];
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Not a key=value line in section [{section}]: '{line}'.");
            }
            unit._entries.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }
        return unit;
    }

    /// <summary>Every value of <paramref name="key"/> in <paramref name="section"/>, in file order.</summary>
    public IReadOnlyList<string> All(string section, string key) =>
        [.. _entries.Where(e => e.Section == section && e.Key == key).Select(e => e.Value)];

    /// <summary>The one value of <paramref name="key"/>; fails when it is missing or repeated.</summary>
    public string Single(string section, string key)
    {
        var values = All(section, key);
        return values.Count == 1 ? values[0] : throw new InvalidOperationException($"[{section}] {key}= appears {values.Count} times, expected once.");
    }
}
