namespace RafeCast.Core.Tagging;

/// <summary>Where a segment was shot relative to the domes.</summary>
public enum ClassificationKind
{
    /// <summary>No fresh position for the segment's window (telemetry gap or stale position).</summary>
    Unknown,
    /// <summary>Outside every valid dome for the whole window.</summary>
    Outside,
    /// <summary>Inside one dome for the whole window.</summary>
    Inside,
    /// <summary>At least one boundary crossing inside the window.</summary>
    Crossing,
}

/// <summary>
/// A segment's classification, written as <c>inside:&lt;dome id&gt;</c>, <c>outside</c>, <c>crossing</c> or <c>unknown</c>.
/// </summary>
public readonly record struct SegmentClassification(ClassificationKind Kind, string? DomeId = null)
{
    public static SegmentClassification Unknown => new(ClassificationKind.Unknown);
    public static SegmentClassification Outside => new(ClassificationKind.Outside);
    public static SegmentClassification Crossing => new(ClassificationKind.Crossing);
    public static SegmentClassification InsideDome(string domeId) => new(ClassificationKind.Inside, domeId);

    /// <summary>Parses the written form; throws <see cref="FormatException"/> naming the bad text.</summary>
    public static SegmentClassification Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text switch
        {
            "unknown" => Unknown,
            "outside" => Outside,
            "crossing" => Crossing,
            _ when text.StartsWith("inside:", StringComparison.Ordinal) && text.Length > 7 => InsideDome(text[7..]),
            _ => throw new FormatException($"'{text}' is not a segment classification (inside:<id>, outside, crossing, unknown)."),
        };
    }

    public override string ToString() => Kind switch
    {
        ClassificationKind.Inside => $"inside:{DomeId}",
        ClassificationKind.Outside => "outside",
        ClassificationKind.Crossing => "crossing",
        _ => "unknown",
    };
}
