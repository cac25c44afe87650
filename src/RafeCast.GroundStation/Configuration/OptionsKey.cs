namespace RafeCast.GroundStation.Configuration;

/// <summary>Builds the full configuration key of an options property, for error messages that name it.</summary>
public static class OptionsKey
{
    /// <summary>The key of <paramref name="property"/> in <typeparamref name="TOptions"/>'s section, e.g. <c>RafeCast:Station:Http:Listen</c>.</summary>
    public static string For<TOptions>(string property)
        where TOptions : IRafeCastOptions => $"{TOptions.SectionPath}:{property}";

    /// <summary>A validation failure that starts with the key, so a user knows which setting to fix.</summary>
    public static string Problem<TOptions>(string property, string problem)
        where TOptions : IRafeCastOptions => $"{For<TOptions>(property)}: {problem}";
}
