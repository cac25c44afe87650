namespace RafeCast.GroundStation.Configuration;

/// <summary>
/// An options class bound from one configuration section, e.g. <c>RafeCast:Station:Http</c>.
/// Stages implement it for their own options so that validation errors can name the full key.
/// </summary>
public interface IRafeCastOptions
{
    /// <summary>The configuration section the options bind from, with ':' separators.</summary>
    static abstract string SectionPath { get; }
}
