namespace RafeCast.Core.Video;

/// <summary>
/// Names one live video stream, e.g. <c>v1-cam0</c>. Letters, digits, '-' and '_' only, so the id is safe
/// as a directory, a blob prefix and a URL segment.
/// </summary>
public readonly record struct StreamId
{
    public StreamId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.Length > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Stream id '{value}' may only hold letters, digits, '-' and '_' (at most 64).", nameof(value));
        }
        Value = value;
    }

    public string Value { get; }

    /// <summary>The conventional stream id of a vehicle's camera: <c>v{sysid}-cam{n}</c>.</summary>
    public static StreamId ForVehicleCamera(byte systemId, int camera = 0) => new($"v{systemId}-cam{camera}");

    public override string ToString() => Value;
}
