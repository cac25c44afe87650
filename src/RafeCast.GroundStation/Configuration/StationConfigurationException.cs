namespace RafeCast.GroundStation.Configuration;

/// <summary>
/// The station's configuration cannot be used: every problem found, each starting with the full key
/// (e.g. <c>RafeCast:Station:Http:Listen: 'nonsense' is not HOST:PORT ...</c>).
/// </summary>
public sealed class StationConfigurationException : Exception
{
    public StationConfigurationException(IReadOnlyList<string> failures, Exception? inner = null)
        : base("The configuration is not valid:\n  " + string.Join("\n  ", failures), inner)
    {
        Failures = failures;
    }

    /// <summary>One line per problem, each naming its key.</summary>
    public IReadOnlyList<string> Failures { get; }
}
