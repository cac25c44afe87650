using System.Globalization;

namespace RafeCast.GroundStation.Observability.Internal;

/// <summary>The tags of one time series, in the order they were recorded, values as text.</summary>
internal sealed class TagSet
{
    public static readonly TagSet Empty = new([]);

    public TagSet(KeyValuePair<string, string>[] tags)
    {
        Tags = tags;
        var hash = new HashCode();
        foreach (var (key, value) in tags)
        {
            hash.Add(key);
            hash.Add(value);
        }
        Hash = hash.ToHashCode();
    }

    public KeyValuePair<string, string>[] Tags { get; }

    public int Hash { get; }

    public static TagSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }
        var copy = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            copy[i] = new(tags[i].Key, Text(tags[i].Value));
        }
        return new TagSet(copy);
    }

    /// <summary>A tag value as Prometheus label text: strings as they are, numbers invariant, booleans lower case.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>
/// Compares tag sets, and looks a recorded span of tags up without allocating when its series exists
/// (strings, the usual tag values, are compared in place).
/// </summary>
internal sealed class TagSetComparer : IEqualityComparer<TagSet>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, TagSet>
{
    public static readonly TagSetComparer Instance = new();

    public bool Equals(TagSet? x, TagSet? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }
        if (x is null || y is null || x.Hash != y.Hash || x.Tags.Length != y.Tags.Length)
        {
            return false;
        }
        for (var i = 0; i < x.Tags.Length; i++)
        {
            if (!string.Equals(x.Tags[i].Key, y.Tags[i].Key, StringComparison.Ordinal) || !string.Equals(x.Tags[i].Value, y.Tags[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public int GetHashCode(TagSet obj) => obj.Hash;

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, TagSet other)
    {
        if (alternate.Length != other.Tags.Length)
        {
            return false;
        }
        for (var i = 0; i < alternate.Length; i++)
        {
            if (!string.Equals(alternate[i].Key, other.Tags[i].Key, StringComparison.Ordinal))
            {
                return false;
            }
            var value = alternate[i].Value as string ?? TagSet.Text(alternate[i].Value);
            if (!string.Equals(value, other.Tags[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate)
    {
        var hash = new HashCode();
        foreach (var (key, value) in alternate)
        {
            hash.Add(key);
            hash.Add(value as string ?? TagSet.Text(value));
        }
        return hash.ToHashCode();
    }

    public TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => TagSet.From(alternate);
}
