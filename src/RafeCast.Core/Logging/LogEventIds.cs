namespace RafeCast.Core.Logging;

/// <summary>
/// Event-id ranges for the source-generated log messages, one range of 1000 per project, so an event id
/// alone says which stage logged it. Each project's <c>Log</c> class numbers its events from its base.
/// </summary>
public static class LogEventIds
{
    public const int Pipeline = 1000;
    public const int Mavlink = 2000;
    public const int Video = 3000;
    public const int Geo = 4000;
    public const int Storage = 5000;
    public const int GroundStation = 6000;
    public const int Simulator = 7000;
    public const int Cli = 8000;
}
